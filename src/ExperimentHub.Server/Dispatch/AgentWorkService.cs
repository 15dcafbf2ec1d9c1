using ExperimentHub.Core.Specs;
using System.Text.Json;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// What agents do, whatever carries their calls (the agent hub today): register, heartbeat, take work, report
/// starts, metrics, logs and ends, and reattach after a reconnect. Agents are known by their instance id, fixed for
/// the life of the agent process, so a reconnecting agent keeps its leases and a restarted one does not.
/// </summary>
public sealed class AgentWorkService(
    IDbContextFactory<ExperimentHubDb> contexts,
    StoreDatabase database,
    TrialLeaseStore queue,
    SweepSpecCache specs,
    MetricIngest metrics,
    RunStore runs,
    DispatchSignal signal,
    IExperimentEvents events,
    ApiKeyResolver keys,
    ISweepNotifications notifications,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<AgentWorkService> logger)
{
    public const int MaxIdLength = 200;
    private const int MaxPointsPerReport = 10_000;

    /// <summary>The most trials one work request leases, whatever slots the agent offers.</summary>
    private const int MaxTrialsPerRequest = 1000;
    private static readonly JsonSerializerOptions GpuJson = AgentHubProtocol.CreateJsonOptions();

    /// <summary>Creates or refreshes the agent's row; returns its number and the heartbeat and lease periods.</summary>
    public Task<RegistrationAccepted> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken) =>
        RegisterAsync(registration, null, cancellationToken);

    /// <summary>
    /// As above, for the agent key <paramref name="keyId"/>: an agent id belongs to the key that first registered it,
    /// and any other key is refused with <see cref="AgentOwnershipException"/>, so that no key can act for another's
    /// agent (heartbeat, reattach or end its trials). A restarted agent process has a new id, bound to its key anew.
    /// </summary>
    public async Task<RegistrationAccepted> RegisterAsync(AgentRegistration registration, long? keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var problem = Validate(registration);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(registration));
        }
        var now = time.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == registration.InstanceId, cancellationToken);
            if (agent is null)
            {
                agent = new RegisteredAgent { Id = registration.InstanceId, Name = registration.Name, Host = registration.Host, ApiKeyId = keyId };
                db.Agents.Add(agent);
            }
            else if (keyId is { } key)
            {
                if (agent.ApiKeyId is { } owner && owner != key)
                {
                    throw new AgentOwnershipException(registration.InstanceId);
                }
                agent.ApiKeyId = key;
            }
            agent.Name = registration.Name;
            agent.Host = registration.Host;
            agent.Version = registration.Version;
            agent.Slots = registration.Slots;
            agent.CpuCount = registration.CpuCount;
            agent.MemoryBytes = registration.MemoryBytes;
            agent.GpusJson = JsonSerializer.Serialize(registration.Gpus ?? [], GpuJson);
            agent.ConnectedAt = now;
            agent.LastHeartbeatAt = now;
            agent.Status = AgentStatus.Online;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (keyId is not null
                && (e is DbUpdateConcurrencyException || UniqueViolation.Is(e)))
            {
                // Another key bound the id (a concurrency conflict) or registered it new (a unique violation on the
                // primary key) between the read and this write: it won.
                throw new AgentOwnershipException(registration.InstanceId);
            }
        }
        events.Publish(ExperimentTopic.Agents);
        return new RegistrationAccepted(await AgentNumberAsync(registration.InstanceId, cancellationToken),
            options.Value.HeartbeatSeconds, options.Value.LeaseSeconds);
    }

    /// <summary>Extends the leases of the runs the agent runs; returns the listed runs it must stop (no longer its own).</summary>
    public async Task<IReadOnlyList<long>> HeartbeatAsync(string agentId, Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var listed = heartbeat.RunningRunIds ?? [];
        var kept = await queue.ExtendAsync(agentId, listed, cancellationToken);
        await TouchAsync(agentId, cancellationToken);
        return listed.Except(kept).ToList();
    }

    /// <summary>Leases pending trials to the agent, as assignments with a fresh run token each.</summary>
    public Task<IReadOnlyList<TrialAssignment>> RequestWorkAsync(string agentId, WorkRequest request, string apiUrl, CancellationToken cancellationToken) =>
        RequestWorkAsync(agentId, request, apiUrl, null, cancellationToken);

    /// <summary>As above, for an agent started for one sweep (<paramref name="onlySweepId"/>): it gets that sweep's trials only.</summary>
    public async Task<IReadOnlyList<TrialAssignment>> RequestWorkAsync(
        string agentId, WorkRequest request, string apiUrl, long? onlySweepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var leased = await queue.LeaseAsync(agentId, Math.Min(request.FreeSlots, MaxTrialsPerRequest), request.FreeGpuCount, onlySweepId, cancellationToken);
        return await AssignAsync(leased, apiUrl, cancellationToken);
    }

    /// <summary>The assignments that carry leased trials to their agent.</summary>
    private async Task<IReadOnlyList<TrialAssignment>> AssignAsync(IReadOnlyList<LeasedTrial> leased, string apiUrl, CancellationToken cancellationToken)
    {
        if (leased.Count == 0)
        {
            return [];
        }
        var url = string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? apiUrl : options.Value.PublicUrl!.TrimEnd('/');
        var assignments = new List<TrialAssignment>(leased.Count);
        foreach (var trial in leased)
        {
            var spec = await specs.GetAsync(trial.SweepId, cancellationToken);
            if (spec is null)
            {
                continue;
            }
            var timeout = spec.Trial.TimeoutMinutes is { } minutes ? SpecDurations.CeilingSeconds(minutes) : 0;
            var code = spec.Code is { } c ? new TrialCode(c.Repo, c.Ref, c.Dir, c.Install) : null;
            var artifacts = spec.Artifacts is { } a ? new TrialArtifacts(a.ModelDir, a.Clean) : null;
            assignments.Add(new TrialAssignment(trial.RunId, trial.SweepId, trial.TrialNumber, trial.Attempt, spec.Command, spec.Workdir,
                ParameterJson.ReadElements(trial.ParamsJson), trial.Token, url, trial.Gpus, timeout, code, artifacts));
            events.Publish(ExperimentTopic.Sweep(trial.SweepId));
        }
        return assignments;
    }

    /// <summary>False when the run is not leased to this agent any more (the agent stops it).</summary>
    public async Task<bool> TrialStartedAsync(string agentId, TrialStarted started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        var ok = await queue.MarkStartedAsync(agentId, started.RunId, started.GpuIndices ?? [], cancellationToken);
        if (ok)
        {
            if (started.CodeVersion is { Length: > 0 } version)
            {
                await runs.RecordCodeVersionAsync(started.RunId, version, cancellationToken);
            }
            events.Publish(ExperimentTopic.Run(started.RunId));
            events.Publish(ExperimentTopic.Agents);
        }
        return ok;
    }

    /// <summary>Stores the points (the ingest path feeds early stopping and live charts); invalid points are dropped and logged.</summary>
    public async Task ReportMetricsAsync(string agentId, MetricReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = (report.Points ?? []).Take(MaxPointsPerReport)
            .Where(p => MetricRules.ValidateKey(p.Key) is null && MetricRules.ValidateStep(p.Step) is null)
            .Select(p => new MetricPointInput(p.Key, p.Step, p.Value, p.Timestamp))
            .ToList();
        if (points.Count < (report.Points?.Count ?? 0))
        {
            logger.LogWarning("Agent {AgentId} reported {Dropped} invalid metric points for run {RunId}; they were dropped",
                agentId, (report.Points?.Count ?? 0) - points.Count, report.RunId);
        }
        if (points.Count > 0)
        {
            await metrics.IngestAsync(report.RunId, points, cancellationToken);
        }
    }

    /// <summary>Appends to the run's bounded log tail.</summary>
    public async Task ReportLogsAsync(string agentId, LogLines lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        logger.LogTrace("Agent {AgentId} sent {Count} log lines of run {RunId}", agentId, lines.Lines?.Count ?? 0, lines.RunId);
        await queue.AppendLogAsync(lines.RunId, lines.Lines ?? [], cancellationToken);
        events.Publish(ExperimentTopic.Run(lines.RunId));
    }

    public async Task TrialEndedAsync(string agentId, TrialEnd end, CancellationToken cancellationToken)
    {
        var result = await queue.EndAsync(agentId, end, cancellationToken);
        Ended(agentId, end, result);
    }

    /// <summary>What follows an applied end report: the token ends, the coordinator wakes, pages and notifications hear.</summary>
    private void Ended(string agentId, TrialEnd end, TrialEndResult result)
    {
        if (!result.Accepted)
        {
            logger.LogInformation("Agent {AgentId} reported the end of run {RunId}, which it no longer holds; ignored", agentId, end.RunId);
            return;
        }
        // The trial's token ends with it now, not when its cached check runs out.
        keys.ForgetRun(end.RunId);
        signal.Wake();
        events.Publish(ExperimentTopic.Sweep(result.SweepId));
        events.Publish(ExperimentTopic.Run(end.RunId));
        events.Publish(ExperimentTopic.Agents);
        if (result.Status == RunStatus.Completed)
        {
            notifications.TrialCompleted(result.SweepId, end.RunId);
        }
    }

    /// <summary>
    /// An end report and the agent's next work request in one call: the end is applied (committed) exactly as by
    /// <see cref="TrialEndedAsync"/>, then trials are leased as by
    /// <see cref="RequestWorkAsync(string, WorkRequest, string, long?, CancellationToken)"/>, each lease in the store
    /// before the answer carries it. The agent's freed slot waits for one round trip, not two.
    /// </summary>
    public async Task<IReadOnlyList<TrialAssignment>> EndTrialAndRequestWorkAsync(
        string agentId, TrialEnd end, WorkRequest request, string apiUrl, long? onlySweepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (result, leased) = await queue.EndAndLeaseAsync(
            agentId, end, Math.Min(request.FreeSlots, MaxTrialsPerRequest), request.FreeGpuCount, onlySweepId, cancellationToken);
        Ended(agentId, end, result);
        return await AssignAsync(leased, apiUrl, cancellationToken);
    }

    /// <summary>After a reconnect: the runs the agent may keep (still leased to it); their leases are extended.</summary>
    public Task<IReadOnlyList<long>> ReattachAsync(string agentId, IReadOnlyList<long> runIds, CancellationToken cancellationToken) =>
        queue.ExtendAsync(agentId, runIds ?? [], cancellationToken);

    /// <summary>The agent's last connection closed: it shows offline; its leases run out unless it comes back.</summary>
    public async Task DisconnectedAsync(string agentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Agents.Where(a => a.Id == agentId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AgentStatus.Offline), cancellationToken);
        events.Publish(ExperimentTopic.Agents);
    }

    private async Task TouchAsync(string agentId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Agents.Where(a => a.Id == agentId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.LastHeartbeatAt, now).SetProperty(a => a.Status, AgentStatus.Online), cancellationToken);
        events.Publish(ExperimentTopic.Agents);
    }

    /// <summary>
    /// The agents table keys on the instance id (text); agents get a number to show: SQLite's rowid (the order they
    /// first registered in), elsewhere their place in id order.
    /// </summary>
    private async Task<long> AgentNumberAsync(string agentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // The id is the key, so at most one row: Single says so (First, with the filter hidden in the SQL, made EF
            // warn at every registration).
            return await db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM agents WHERE id = {agentId}")
                .SingleOrDefaultAsync(cancellationToken);
        }
        return await db.Agents.AnyAsync(a => a.Id == agentId, cancellationToken)
            ? await db.Agents.CountAsync(a => string.Compare(a.Id, agentId) <= 0, cancellationToken)
            : 0;
    }

    private static string? Validate(AgentRegistration r)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(r.InstanceId) || r.InstanceId.Length > MaxIdLength)
        {
            errors.Add($"instanceId is required, at most {MaxIdLength} characters");
        }
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > MaxIdLength)
        {
            errors.Add($"name is required, at most {MaxIdLength} characters");
        }
        if (r.Host is null || r.Host.Length > MaxIdLength)
        {
            errors.Add($"host is required, at most {MaxIdLength} characters");
        }
        if (r.Slots is < 0 or > 10_000)
        {
            errors.Add("slots must be between 0 and 10000");
        }
        return errors.Count == 0 ? null : "the registration is invalid: " + string.Join("; ", errors);
    }
}
