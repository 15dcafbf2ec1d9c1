using ExperimentHub.Contracts.Agents;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// The database as the trial queue. Every change of a trial's state is a conditional UPDATE (ExecuteUpdate) guarded
/// by the statuses it may start from, so two agents can never hold the same trial on any provider: a lease claims
/// each candidate with its own guarded UPDATE, and a claim that another server made first updates no row (PostgreSQL
/// and SQL Server re-check the guard after the other's row lock; SQLite has one writer). A restart of the server
/// loses nothing: the state is the rows. Which statuses each change starts from and leads to comes from
/// <see cref="RunLifecycle"/>.
/// </summary>
public sealed class TrialLeaseStore(
    IDbContextFactory<ExperimentHubDb> contexts,
    WriteGate gate,
    ApiKeyIssuer keys,
    SweepSpecCache specs,
    TimeProvider time,
    IOptions<DispatchOptions> options)
{
    private static readonly IReadOnlyList<RunStatus> LeaseFrom = RunLifecycle.From(RunTransition.Lease);
    private static readonly IReadOnlyList<RunStatus> StartFrom = RunLifecycle.From(RunTransition.Start);
    private static readonly IReadOnlyList<RunStatus> CompleteFrom = RunLifecycle.From(RunTransition.Complete);
    private static readonly IReadOnlyList<RunStatus> StopFrom = RunLifecycle.From(RunTransition.Stop);
    private static readonly IReadOnlyList<RunStatus> RequeueFrom = RunLifecycle.From(RunTransition.Requeue);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, long> _runSweeps = new();
    private int _starved = 1;

    private DispatchOptions Options => options.Value;

    /// <summary>
    /// Whether an agent asked for more than it got since the last call: only then is a WorkAvailable broadcast worth
    /// its cost (with a full queue, agents take work as they free up).
    /// </summary>
    public bool TakeStarved() => Interlocked.Exchange(ref _starved, 0) == 1;

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    private DateTimeOffset LeaseExpiry => Now.AddSeconds(Options.LeaseSeconds);

    /// <summary>
    /// Leases up to <paramref name="slots"/> pending trials needing at most <paramref name="gpus"/> GPUs in all: the
    /// oldest pending trials of running sweeps, as many as fit the free GPUs (a running sum in id order).
    /// </summary>
    public Task<IReadOnlyList<LeasedTrial>> LeaseAsync(string agentId, int slots, int gpus, CancellationToken cancellationToken) =>
        LeaseAsync(agentId, slots, gpus, null, cancellationToken);

    /// <summary>
    /// As above; an agent started for one sweep passes it as <paramref name="onlySweepId"/> and takes that sweep's
    /// trials only, while other agents take those of sweeps whose backend is agents.
    /// </summary>
    public async Task<IReadOnlyList<LeasedTrial>> LeaseAsync(string agentId, int slots, int gpus, long? onlySweepId, CancellationToken cancellationToken)
    {
        if (slots <= 0)
        {
            return [];
        }
        IReadOnlyList<LeasedTrial> leased;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            leased = await LeaseInGateAsync(db, agentId, slots, gpus, onlySweepId, cancellationToken);
        }
        RememberSweeps(leased);
        return leased;
    }

    /// <summary>
    /// An agent's end report and its request for the freed slots in one turn of the write gate, on one context: the
    /// end is applied and committed exactly as by <see cref="EndAsync"/>, then trials are leased as by
    /// <see cref="LeaseAsync(string, int, int, long?, CancellationToken)"/>. One turn instead of two: under load each
    /// turn waits behind every other agent's.
    /// </summary>
    public async Task<(TrialEndResult End, IReadOnlyList<LeasedTrial> Leased)> EndAndLeaseAsync(
        string agentId, TrialEnd end, int slots, int gpus, long? onlySweepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(end);
        var ending = await PrepareEndAsync(end, cancellationToken);
        TrialEndResult result;
        IReadOnlyList<LeasedTrial> leased = [];
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            result = ending is { } e ? await EndInGateAsync(db, agentId, end, e, cancellationToken) : Unknown;
            if (slots > 0)
            {
                leased = await LeaseInGateAsync(db, agentId, slots, gpus, onlySweepId, cancellationToken);
            }
        }
        RememberSweeps(leased);
        return (result, leased);
    }

    private async Task<IReadOnlyList<LeasedTrial>> LeaseInGateAsync(
        ExperimentHubDb db, string agentId, int slots, int gpus, long? onlySweepId, CancellationToken cancellationToken)
    {
        gpus = Math.Max(0, gpus);
        var expires = LeaseExpiry;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // More candidates than slots: another server may claim some of them first.
        var pending = db.Runs.AsNoTracking()
            .Where(r => LeaseFrom.Contains(r.Status) && r.Sweep!.Status == SweepStatus.Running && r.Gpus <= gpus);
        pending = onlySweepId is { } only
            ? pending.Where(r => r.SweepId == only)
            : pending.Where(r => r.Sweep!.ComputeBackend == ComputeBackend.Agents);
        var candidates = await pending
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.SweepId, r.TrialNumber, r.Attempt, r.ParamsJson, r.Gpus })
            .Take((slots * 2) + 8)
            .ToListAsync(cancellationToken);
        var claimed = new List<LeasedTrial>();
        var need = 0;
        foreach (var candidate in candidates)
        {
            if (claimed.Count == slots || need + candidate.Gpus > gpus)
            {
                break;
            }
            // Guarded by the attempt read too: a claim changes only the row as read, so the claimed trial is the
            // candidate with its attempt plus one, and no second read is needed (another server may have leased
            // and requeued it in between on PostgreSQL and SQL Server; then this updates nothing).
            var attempt = candidate.Attempt;
            var changed = await db.Runs
                .Where(r => r.Id == candidate.Id && LeaseFrom.Contains(r.Status) && r.Attempt == attempt)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, RunLifecycle.To(RunTransition.Lease))
                    .SetProperty(r => r.LeaseAgentId, agentId)
                    .SetProperty(r => r.LeaseExpiresAt, expires)
                    .SetProperty(r => r.Attempt, r => r.Attempt + 1)
                    .SetProperty(r => r.StartedAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.EndedAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.ExitCode, (int?)null)
                    .SetProperty(r => r.GpuIndices, (string?)null), cancellationToken);
            if (changed == 1)
            {
                claimed.Add(new LeasedTrial(candidate.Id, candidate.SweepId!.Value, candidate.TrialNumber ?? 0, attempt + 1, candidate.ParamsJson, candidate.Gpus, ""));
                need += candidate.Gpus;
            }
        }
        if (claimed.Count < slots)
        {
            Volatile.Write(ref _starved, 1);
        }
        if (claimed.Count == 0)
        {
            return [];
        }
        var tokens = keys.AddTrialTokens(db, claimed.Select(t => t.RunId).ToList());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Select((t, i) => t with { Token = tokens[i] }).ToList();
    }

    private void RememberSweeps(IReadOnlyList<LeasedTrial> leased)
    {
        foreach (var trial in leased)
        {
            _runSweeps[trial.RunId] = trial.SweepId;
        }
    }

    /// <summary>The agent's process for the run is up; false when the run is not leased to this agent any more.</summary>
    public async Task<bool> MarkStartedAsync(string agentId, long runId, IReadOnlyList<int> gpuIndices, CancellationToken cancellationToken)
    {
        var now = Now;
        var expires = LeaseExpiry;
        var indices = gpuIndices.Count == 0 ? null : string.Join(',', gpuIndices);
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Runs
                .Where(r => r.Id == runId && r.LeaseAgentId == agentId && StartFrom.Contains(r.Status))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, RunLifecycle.To(RunTransition.Start))
                    .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now)
                    .SetProperty(r => r.GpuIndices, indices)
                    .SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken) == 1;
        }
    }

    /// <summary>
    /// Extends the leases of the listed runs that are still leased to this agent; returns those. The agent stops the
    /// others (requeued after its lease expired, or finished by the server).
    /// </summary>
    public async Task<IReadOnlyList<long>> ExtendAsync(string agentId, IReadOnlyList<long> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return [];
        }
        var ids = runIds.Distinct().ToList();
        var expires = LeaseExpiry;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var held = db.Runs.Where(r => r.LeaseAgentId == agentId && RunLifecycle.Held.Contains(r.Status) && ids.Contains(r.Id));
            await held.ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken);
            var kept = await held.Select(r => r.Id).ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return kept;
        }
    }

    /// <summary>
    /// Applies an agent's end report. Completed ends the trial; a script failure is retried (the row goes back to
    /// pending) while the sweep's <c>trial.retries</c> allow; an end the agent chose (stopped: it is shutting down)
    /// requeues the trial like a lost lease. A run the server already finished (pruned, timed out, stopped) keeps its
    /// status and gets the exit code and log tail.
    /// </summary>
    public async Task<TrialEndResult> EndAsync(string agentId, TrialEnd end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(end);
        if (await PrepareEndAsync(end, cancellationToken) is not { } ending)
        {
            return Unknown;
        }
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await EndInGateAsync(db, agentId, end, ending, cancellationToken);
        }
    }

    private static TrialEndResult Unknown => new(false, 0, RunStatus.Failed);

    /// <summary>What an end needs from outside the write gate: the run's sweep and its retries, or null for an unknown run.</summary>
    private async Task<EndContext?> PrepareEndAsync(TrialEnd end, CancellationToken cancellationToken)
    {
        // The retries come from the sweep's spec: cached after its first use, loaded outside the write gate otherwise.
        if (await SweepOfRunAsync(end.RunId, cancellationToken) is not { } sweepId)
        {
            return null;
        }
        var retries = (specs.Peek(sweepId) ?? await specs.GetAsync(sweepId, cancellationToken))?.Trial.Retries ?? 0;
        return new EndContext(sweepId, retries, Bounded(end.LogTail), Now);
    }

    private readonly record struct EndContext(long SweepId, int Retries, string Tail, DateTimeOffset Now);

    private async Task<TrialEndResult> EndInGateAsync(ExperimentHubDb db, string agentId, TrialEnd end, EndContext ending, CancellationToken cancellationToken)
    {
        var (sweepId, retries, tail, now) = (ending.SweepId, ending.Retries, ending.Tail, ending.Now);
        if (end.Outcome == TrialOutcome.Completed)
        {
            // The common end needs no read and no transaction: one UPDATE under the guard the read below checks
            // (still this agent's, not finished) completes it. Anything else takes the general path.
            var exit = end.ExitCode;
            var completed = await db.Runs
                .Where(r => r.Id == end.RunId && r.LeaseAgentId == agentId && CompleteFrom.Contains(r.Status))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, RunLifecycle.To(RunTransition.Complete))
                    .SetProperty(r => r.Error, (string?)null)
                    .SetProperty(r => r.ExitCode, exit)
                    .SetProperty(r => r.LogTail, tail)
                    .SetProperty(r => r.EndedAt, now)
                    .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            if (completed == 1)
            {
                return new TrialEndResult(true, sweepId, RunLifecycle.To(RunTransition.Complete));
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Runs.AsNoTracking().Where(r => r.Id == end.RunId)
            .Select(r => new { r.Status, r.LeaseAgentId, r.Attempt, r.Failures })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || !string.Equals(row.LeaseAgentId, agentId, StringComparison.Ordinal))
        {
            return new TrialEndResult(false, sweepId, row?.Status ?? RunStatus.Failed);
        }
        var current = row.Status;
        var (attempt, failures) = (row.Attempt, row.Failures);
        var exitCode = end.ExitCode;
        if (Run.IsFinished(current))
        {
            // The server ended it first (pruned, timed out, stopped, or the script called finish): keep that status.
            await db.Runs.Where(r => r.Id == end.RunId).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.ExitCode, r => exitCode ?? r.ExitCode)
                .SetProperty(r => r.LogTail, tail)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new TrialEndResult(true, sweepId, current);
        }

        RunTransition transition;
        string? error;
        var newFailures = failures;
        switch (end.Outcome)
        {
            case TrialOutcome.Completed:
                transition = RunTransition.Complete;
                error = null;
                break;
            case TrialOutcome.TimedOut:
                transition = RunTransition.TimeOut;
                error = end.Error ?? "ran past its timeout";
                break;
            case TrialOutcome.Failed:
                newFailures++;
                error = $"attempt {attempt} failed" + (end.ExitCode is { } code ? $" with exit code {code}" : "") + (end.Error is { Length: > 0 } e ? $": {e}" : "");
                transition = newFailures <= retries ? RunTransition.Retry : RunTransition.Fail;
                break;
            default:
                // Stopped without being asked: the agent is going away. The trial did not end; run it elsewhere.
                error = $"attempt {attempt} was stopped by its agent" + (end.Error is { Length: > 0 } s ? $": {s}" : "");
                transition = attempt - failures > Options.MaxLostLeases ? RunTransition.Fail : RunTransition.Requeue;
                break;
        }
        if (!RunLifecycle.Allows(current, transition))
        {
            // The report does not fit the trial's status (a pending row carries no agent, so this should not happen).
            return new TrialEndResult(false, sweepId, current);
        }
        var next = RunLifecycle.To(transition);
        var finished = Run.IsFinished(next);
        DateTimeOffset? ended = finished ? now : null;
        await db.Runs.Where(r => r.Id == end.RunId && r.Status == current).ExecuteUpdateAsync(u =>
        {
            u.SetProperty(r => r.Status, next)
                .SetProperty(r => r.Failures, newFailures)
                .SetProperty(r => r.Error, error)
                .SetProperty(r => r.ExitCode, exitCode)
                .SetProperty(r => r.LogTail, tail)
                .SetProperty(r => r.EndedAt, ended)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null);
            if (!finished)
            {
                // Back in the queue: no agent holds it. A finished run keeps its agent, whose late report is still accepted.
                u.SetProperty(r => r.LeaseAgentId, (string?)null);
            }
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TrialEndResult(true, sweepId, next);
    }

    /// <summary>Appends output lines to the run's log tail, keeping the last <see cref="Run.MaxLogTailChars"/> characters.</summary>
    public async Task AppendLogAsync(long runId, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }
        var text = Bounded(string.Concat(lines.Select(l => l + "\n")));
        var length = text.Length;
        const int Max = Run.MaxLogTailChars;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // One UPDATE, so that concurrent appends never lose lines: the old tail and the text, cut to the last Max characters.
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u.SetProperty(r => r.LogTail, r =>
                (r.LogTail ?? "").Length + length > Max
                    ? ((r.LogTail ?? "") + text).Substring((r.LogTail ?? "").Length + length - Max, Max)
                    : (r.LogTail ?? "") + text), cancellationToken);
        }
    }

    /// <summary>
    /// Ends an active trial from the server's side (pruned, timed out, stopped). The lease's agent stays recorded so
    /// that its end report is still accepted (exit code, log tail). Returns that agent, or null when the run was not active.
    /// </summary>
    public async Task<(bool Changed, string? AgentId)> FinishActiveAsync(long runId, RunStatus status, string reason, CancellationToken cancellationToken)
    {
        // Names the transition (prune, time out, stop): a status that does not end a run is refused here.
        var ending = RunLifecycle.To(RunLifecycle.Ending(status));
        var now = Now;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var row = await db.Runs.AsNoTracking().Where(r => r.Id == runId && RunLifecycle.Active.Contains(r.Status))
                .Select(r => new { r.LeaseAgentId }).FirstOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                return (false, null);
            }
            var agent = row.LeaseAgentId;
            // Guarded by the agent read: a requeue in between (another server) makes this update nothing.
            var changed = await db.Runs.Where(r => r.Id == runId && RunLifecycle.Active.Contains(r.Status) && r.LeaseAgentId == agent)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, ending)
                    .SetProperty(r => r.Error, reason)
                    .SetProperty(r => r.EndedAt, now)
                    .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return changed == 1 ? (true, agent) : (false, null);
        }
    }

    /// <summary>Ends every active trial of a sweep (stopped, or its time ran out); returns the leased ones with their agents.</summary>
    public async Task<IReadOnlyList<(long RunId, string AgentId)>> FinishSweepTrialsAsync(long sweepId, string reason, CancellationToken cancellationToken)
    {
        var now = Now;
        var stopped = RunLifecycle.To(RunTransition.Stop);
        var told = new List<(long, string)>();
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var active = await db.Runs.AsNoTracking().Where(r => r.SweepId == sweepId && StopFrom.Contains(r.Status))
                .Select(r => new { r.Id, r.LeaseAgentId }).ToListAsync(cancellationToken);
            foreach (var run in active)
            {
                var agent = run.LeaseAgentId;
                var changed = await db.Runs.Where(r => r.Id == run.Id && StopFrom.Contains(r.Status) && r.LeaseAgentId == agent)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(r => r.Status, stopped)
                        .SetProperty(r => r.Error, reason)
                        .SetProperty(r => r.EndedAt, now)
                        .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
                if (changed == 1 && agent is not null)
                {
                    told.Add((run.Id, agent));
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return told;
    }

    /// <summary>
    /// Gives every held lease at least one lease period from now; returns how many it moved. Run as a server starts:
    /// while no server ran, no agent could heartbeat or report, so a lease that ran out in that time says nothing of its
    /// agent, which gets one lease period to reconnect, reattach and report before the reaper requeues its trial.
    /// </summary>
    public async Task<int> RenewHeldLeasesAsync(CancellationToken cancellationToken)
    {
        var until = LeaseExpiry;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Runs
                .Where(r => RequeueFrom.Contains(r.Status) && r.SweepId != null && r.LeaseExpiresAt < until)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseExpiresAt, until), cancellationToken);
        }
    }

    /// <summary>
    /// Requeues trials whose lease expired (their agent stopped heartbeating), or fails those that lost their agent
    /// more than <see cref="DispatchOptions.MaxLostLeases"/> times.
    /// </summary>
    public async Task<IReadOnlyList<ReapedTrial>> RequeueExpiredAsync(CancellationToken cancellationToken)
    {
        var reaped = new List<ReapedTrial>();
        var now = Now;
        var maxLost = Options.MaxLostLeases;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var expired = await db.Runs.AsNoTracking()
                .Where(r => RequeueFrom.Contains(r.Status) && r.LeaseExpiresAt < now && r.SweepId != null)
                .Select(r => new { r.Id, r.SweepId, r.Attempt, r.Failures, r.LeaseAgentId })
                .ToListAsync(cancellationToken);
            foreach (var run in expired)
            {
                var lost = run.Attempt - run.Failures;
                var fail = lost > maxLost;
                var agentName = run.LeaseAgentId ?? "?";
                var status = fail ? RunLifecycle.To(RunTransition.Fail) : RunLifecycle.To(RunTransition.Requeue);
                var error = fail
                    ? $"lost its agent {lost} times (the agent {agentName} stopped heartbeating)"
                    : $"attempt {run.Attempt} was requeued: the agent {agentName} stopped heartbeating";
                DateTimeOffset? ended = fail ? now : null;
                var attempt = run.Attempt;
                // Guarded by what was read: a heartbeat or an end report in between wins.
                var changed = await db.Runs
                    .Where(r => r.Id == run.Id && RequeueFrom.Contains(r.Status) && r.LeaseExpiresAt < now && r.Attempt == attempt)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(r => r.Status, status)
                        .SetProperty(r => r.Error, error)
                        .SetProperty(r => r.EndedAt, ended)
                        .SetProperty(r => r.LeaseAgentId, (string?)null)
                        .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
                if (changed == 1)
                {
                    reaped.Add(new ReapedTrial(run.Id, run.SweepId!.Value, status, null));
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return reaped;
    }

    /// <summary>The running trials of sweeps with a trial timeout, with their start times and agents.</summary>
    public async Task<IReadOnlyList<(long RunId, long SweepId, DateTimeOffset StartedAt, string? AgentId)>> ListRunningAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Running && r.SweepId != null && r.StartedAt != null)
            .Select(r => new { r.Id, r.SweepId, r.StartedAt, r.LeaseAgentId })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.SweepId!.Value, r.StartedAt!.Value, r.LeaseAgentId)).ToList();
    }

    /// <summary>Inserts new pending trials of a sweep in one transaction; none when the sweep is no longer running.</summary>
    public async Task InsertPendingAsync(long sweepId, long projectId, int gpus, IReadOnlyList<PendingTrial> trials, CancellationToken cancellationToken)
    {
        if (trials.Count == 0)
        {
            return;
        }
        var now = Now;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Only while the sweep still runs: this no-op update holds the sweep's row (its lock on the servers, the
            // write lock on SQLite) until the trials are in, so a stop or pause committed after the coordinator read
            // the sweep wins, and a stop after this one finds the new trials. A stopped sweep never gains a trial.
            var running = await db.Sweeps
                .Where(s => s.Id == sweepId && s.Status == SweepStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SweepStatus.Running), cancellationToken);
            if (running == 0)
            {
                return;
            }
            db.Runs.AddRange(trials.Select(trial => new Run
            {
                ProjectId = projectId,
                SweepId = sweepId,
                TrialNumber = trial.TrialNumber,
                Name = $"trial {trial.TrialNumber}",
                Status = RunStatus.Pending,
                ParamsJson = trial.ParamsJson,
                SummaryJson = "{}",
                CreatedAt = now,
                Attempt = 0,
                Gpus = gpus,
                Failures = 0,
            }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static string Bounded(string? text) =>
        text is null ? "" : text.Length <= Run.MaxLogTailChars ? text : text[^Run.MaxLogTailChars..];

    /// <summary>The sweep of a run, remembered from its lease so that most end reports cost no extra query.</summary>
    private async Task<long?> SweepOfRunAsync(long runId, CancellationToken cancellationToken)
    {
        if (_runSweeps.TryGetValue(runId, out var known))
        {
            return known;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.SweepId).FirstOrDefaultAsync(cancellationToken);
        if (found is { } sweepId)
        {
            if (_runSweeps.Count > 100_000)
            {
                _runSweeps.Clear();
            }
            _runSweeps[runId] = sweepId;
        }
        return found;
    }
}
