using System.Text.Json;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Core.WarmStarts;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch.Models;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Sweeps as users see them: submit, read, pause, resume, stop, extend. The API and the dashboard call this; every
/// state lives in the database, so a control survives a restart, and the coordinator is woken to act on it.
/// </summary>
public sealed class SweepService(
    IDbContextFactory<ExperimentHubDb> contexts,
    SweepSpecCache specs,
    TrialReader trials,
    TrialLeaseStore queue,
    DispatchSignal signal,
    IAgentNotifier agents,
    IExperimentEvents events,
    WarmStartFinder warmStarts,
    ISweepNotifications notifications,
    TimeProvider time,
    Compute.ComputeBackends? compute = null)
{
    /// <summary>Parses, validates and stores a spec; nothing is stored when it has any error.</summary>
    public async Task<SubmitResult> SubmitAsync(string projectKey, string text, SpecFormat? format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = SweepSpecParser.Parse(text, format ?? SweepSpecParser.DetectFormat(text));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == projectKey, cancellationToken);
        if (project is null)
        {
            return new SubmitResult(null, [], ProjectFound: false);
        }
        if (!parsed.IsValid)
        {
            return new SubmitResult(null, parsed.Errors);
        }
        var spec = parsed.Spec!;
        var errors = new List<SpecError>();
        if (VisibleText.FindHidden(spec.Name) is { } hidden)
        {
            errors.Add(new SpecError("name", $"a sweep name may not hold control or bidirectional characters: it {hidden}"));
        }
        for (var i = 0; i < spec.WarmStartSweeps.Count; i++)
        {
            var warm = spec.WarmStartSweeps[i];
            if (!await db.Sweeps.AnyAsync(s => s.Id == warm, cancellationToken))
            {
                errors.Add(new SpecError($"warm_start.sweeps[{i}]", $"there is no sweep {warm} to warm-start from"));
            }
        }
        if (spec.Resources.Backend != ComputeBackend.Agents
            && (compute is null ? "this server has no compute backends" : compute.ProblemWith(spec.Resources.Backend)) is { } computeProblem)
        {
            errors.Add(new SpecError("resources.backend", computeProblem));
        }
        // A grid is at most SpecLimits.MaxGridPoints, which the parser checked from the axes' sizes alone.
        var budget = spec.Budget.Trials ?? (int)Math.Min(int.MaxValue, GridSampler.Size(spec.Space));
        if (errors.Count > 0)
        {
            return new SubmitResult(null, errors);
        }

        var now = time.GetUtcNow();
        var sweep = new Sweep
        {
            ProjectId = project.Id,
            Name = spec.Name,
            SpecText = text,
            SpecFormat = parsed.Format == SpecFormat.Json ? "json" : "yaml",
            Status = SweepStatus.Running,
            Seed = spec.Seed,
            TrialBudget = budget,
            Parallel = spec.Budget.Parallel,
            ComputeBackend = spec.Resources.Backend,
            CreatedAt = now,
            StartedAt = now,
        };
        if (spec.AutoWarmStart is not null)
        {
            var (plan, note) = await warmStarts.PlanAsync(spec, project.Id, budget, cancellationToken);
            sweep.WarmStartDesignJson = plan.Design.Count == 0 ? null : WarmStartDesignJson.Write(plan);
            sweep.WarmStartNote = note;
        }
        db.Sweeps.Add(sweep);
        await db.SaveChangesAsync(cancellationToken);
        specs.Remember(sweep.Id, spec);
        signal.Wake();
        events.Publish(ExperimentTopic.Project(project.Id));
        events.Publish(ExperimentTopic.Sweeps);
        return new SubmitResult(sweep.Id, []);
    }

    /// <summary>The project's sweeps, newest first; null when there is no such project.</summary>
    public async Task<IReadOnlyList<SweepSummaryDto>?> ListAsync(string projectKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == projectKey, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var rows = await db.Sweeps.AsNoTracking().Where(s => s.ProjectId == project.Id).OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        return rows.Select(s => new SweepSummaryDto(s.Id, project.Key, s.Name, EnumNames.ToText(s.Status), s.StatusReason,
            s.TrialBudget + s.ExtraTrials, s.CreatedAt, s.EndedAt)).ToList();
    }

    public async Task<SweepDto?> GetAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sweep = await db.Sweeps.AsNoTracking().Include(s => s.Project).FirstOrDefaultAsync(s => s.Id == sweepId, cancellationToken);
        if (sweep is null)
        {
            return null;
        }
        // Null when the stored spec no longer parses: the sweep still reads, with its failure reason and no results.
        var spec = specs.FromStored(sweepId, sweep.SpecText, sweep.SpecFormat);
        var list = await trials.ReadAsync(sweepId, cancellationToken);
        var objectives = spec?.Objectives ?? [];
        var constraints = spec?.Constraints ?? [];

        // The best feasible trial for one objective; the Pareto set of the feasible ones, in trial order, for several.
        TrialResultDto? best = null;
        IReadOnlyList<TrialResultDto> pareto = [];
        if (objectives.Count == 1)
        {
            best = SweepResults.Best(list, IsCompleted, t => t.Metrics, objectives[0], constraints) is { } top ? ToResult(top) : null;
            pareto = best is null ? [] : [best];
        }
        else if (objectives.Count > 1)
        {
            var split = SweepResults.Split(list, IsCompleted, t => t.Metrics, objectives, constraints);
            pareto = split.FrontIndices.Order().Select(i => ToResult(split.Feasible[i])).ToList();
        }

        return new SweepDto(
            sweep.Id,
            sweep.Project?.Key ?? "",
            sweep.Name,
            EnumNames.ToText(sweep.Status),
            sweep.StatusReason,
            spec is null ? "" : spec.Method.ToString().ToLowerInvariant(),
            objectives.Select(o => new SweepObjectiveDto(o.Metric, o.Goal == Goal.Maximize ? "maximize" : "minimize")).ToList(),
            list.Count,
            list.Count(t => t.Status == RunStatus.Completed),
            list.Count(t => t.Status is RunStatus.Running or RunStatus.Leased),
            list.Count(t => t.Status == RunStatus.Pending),
            list.Count(t => t.Status is RunStatus.Failed or RunStatus.TimedOut),
            list.Count(t => t.Status == RunStatus.Pruned),
            list.Count(t => t.Status == RunStatus.Stopped),
            new SweepBudgetDto(sweep.TrialBudget + sweep.ExtraTrials, sweep.ExtraTrials, sweep.Parallel, spec?.Budget.Minutes,
                spec?.Budget.MaxConsecutiveFailures ?? 5),
            best,
            pareto,
            sweep.CreatedAt,
            sweep.StartedAt,
            sweep.EndedAt,
            sweep.SetupLog,
            WarmStartOf(sweep, spec),
            EnumNames.ToText(sweep.ComputeBackend),
            sweep.ComputeProblem,
            await CostAsync(db, sweepId, cancellationToken));
    }

    private static WarmStartDto? WarmStartOf(Sweep sweep, SweepSpec? spec)
    {
        if (spec?.AutoWarmStart is not null)
        {
            var related = WarmStartDesignJson.Read(sweep.WarmStartDesignJson).Related;
            return new WarmStartDto("auto", sweep.WarmStartNote,
                related.Where(r => r.Points > 0).Select(r => new WarmStartSourceDto(r.SweepId, r.Similarity, r.Points)).ToList());
        }
        return spec is { WarmStartSweeps.Count: > 0 }
            ? new WarmStartDto("sweeps", null, spec.WarmStartSweeps.Select(id => new WarmStartSourceDto(id, 1, 0)).ToList())
            : null;
    }

    /// <summary>What the sweep's own instances cost so far; null when it started none or none has a price.</summary>
    private async Task<double?> CostAsync(ExperimentHubDb db, long sweepId, CancellationToken cancellationToken)
    {
        var instances = await db.ComputeInstances.AsNoTracking().Where(i => i.SweepId == sweepId).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return instances.Any(i => i.HourlyPrice is not null) ? instances.Sum(i => i.CostAt(now) ?? 0) : null;
    }

    /// <summary>Every trial of the sweep in trial order; null when there is no such sweep.</summary>
    public async Task<IReadOnlyList<TrialDto>?> GetTrialsAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Sweeps.AnyAsync(s => s.Id == sweepId, cancellationToken))
            {
                return null;
            }
        }
        var list = await trials.ReadAsync(sweepId, cancellationToken);
        Dictionary<long, (long? Sweep, long? Run)> fromHistory;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            fromHistory = await db.Runs.AsNoTracking().Where(r => r.SweepId == sweepId && r.WarmStartRunId != null)
                .ToDictionaryAsync(r => r.Id, r => (r.WarmStartSweepId, r.WarmStartRunId), cancellationToken);
        }
        return list.Select(t => fromHistory.TryGetValue(t.RunId, out var from)
            ? ToDto(t) with { WarmStartSweepId = from.Sweep, WarmStartRunId = from.Run }
            : ToDto(t)).ToList();
    }

    /// <summary>One trial (a run of a sweep); null when there is no such trial.</summary>
    public async Task<TrialDto?> GetTrialAsync(long runId, CancellationToken cancellationToken)
    {
        long? sweepId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            sweepId = await db.Runs.Where(r => r.Id == runId).Select(r => r.SweepId).FirstOrDefaultAsync(cancellationToken);
        }
        if (sweepId is not { } sweep)
        {
            return null;
        }
        var list = await trials.ReadAsync(sweep, [runId], cancellationToken);
        return list.Count == 0 ? null : ToDto(list[0]);
    }

    private static TrialDto ToDto(TrialSnapshot t) => new(t.RunId, t.TrialNumber, EnumNames.ToText(t.Status), Params(t.ParamsJson), t.Metrics,
        t.Attempt, t.AgentId, t.ExitCode, t.Error, t.CreatedAt, t.StartedAt, t.EndedAt);

    /// <summary>No new trials are handed out; running ones finish. Persisted, so it survives a restart.</summary>
    public Task<SweepChangeResult> PauseAsync(long sweepId, CancellationToken cancellationToken) =>
        ChangeAsync(sweepId, [SweepStatus.Running], SweepStatus.Paused, "paused by a user", cancellationToken);

    /// <summary>A paused sweep runs again; consecutive failures are counted afresh from now.</summary>
    public Task<SweepChangeResult> ResumeAsync(long sweepId, CancellationToken cancellationToken) =>
        ChangeAsync(sweepId, [SweepStatus.Paused], SweepStatus.Running, null, cancellationToken);

    /// <summary>Stops the sweep and every trial it has running or waiting.</summary>
    public async Task<SweepChangeResult> StopAsync(long sweepId, CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(sweepId, [SweepStatus.Running, SweepStatus.Paused], SweepStatus.Stopped, "stopped by a user", cancellationToken);
        if (result.Outcome == SweepChange.Done)
        {
            await StopTrialsAsync(sweepId, "the sweep was stopped", cancellationToken);
        }
        return result;
    }

    /// <summary>
    /// Adds <paramref name="trials"/> to the budget. A completed or stopped sweep runs again from its history (the
    /// sampler sees every earlier trial), with its time budget counted afresh.
    /// </summary>
    public async Task<SweepChangeResult> ExtendAsync(long sweepId, int trials, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sweep = await db.Sweeps.FirstOrDefaultAsync(s => s.Id == sweepId, cancellationToken);
        if (sweep is null)
        {
            return new SweepChangeResult(SweepChange.NotFound, $"there is no sweep {sweepId}");
        }
        if (sweep.Status == SweepStatus.Failed)
        {
            return new SweepChangeResult(SweepChange.Conflict, $"sweep {sweepId} failed ({sweep.StatusReason}); submit it again instead");
        }
        var now = time.GetUtcNow();
        sweep.ExtraTrials += trials;
        if (sweep.Status is SweepStatus.Completed or SweepStatus.Stopped)
        {
            sweep.Status = SweepStatus.Running;
            sweep.StatusReason = $"extended by {trials} trials";
            sweep.EndedAt = null;
            sweep.StartedAt = now;
            sweep.ResumedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        events.Publish(ExperimentTopic.Sweep(sweepId));
        return SweepChangeResult.Done;
    }

    /// <summary>The running sweeps, by id: the coordinator's work.</summary>
    internal async Task<List<Sweep>> ListRunningAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sweeps.AsNoTracking().Where(s => s.Status == SweepStatus.Running).OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Sweeps that ended (stopped elsewhere, or a crash between two writes) but still have active trials.</summary>
    internal async Task<List<long>> ListEndedWithActiveTrialsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sweeps.AsNoTracking()
            .Where(s => (s.Status == SweepStatus.Stopped || s.Status == SweepStatus.Failed || s.Status == SweepStatus.Completed)
                && s.Runs.Any(r => r.Status == RunStatus.Pending || r.Status == RunStatus.Leased || r.Status == RunStatus.Running))
            .Select(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Stores new pending trials of a running sweep and, when an agent went without work lately, tells agents.</summary>
    internal async Task EnqueueTrialsAsync(Sweep sweep, int gpus, IReadOnlyList<PendingTrial> pending, CancellationToken cancellationToken)
    {
        await queue.InsertPendingAsync(sweep.Id, sweep.ProjectId, gpus, pending, cancellationToken);
        events.Publish(ExperimentTopic.Sweep(sweep.Id));
        if (queue.TakeStarved())
        {
            await agents.WorkAvailableAsync();
        }
    }

    /// <summary>
    /// Records on new trials what the trial rows of the queue do not carry: the warm-start design point each came from
    /// and the data set of the sweep's spec (provenance).
    /// </summary>
    internal async Task MarkFromHistoryAsync(long sweepId, IReadOnlyList<(int TrialNumber, DesignPoint? From)> trials, string? dataset,
        CancellationToken cancellationToken)
    {
        if (dataset is null && trials.All(t => t.From is null))
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var (number, from) in trials)
        {
            long? sourceSweep = from?.SourceSweepId;
            long? sourceRun = from?.SourceTrialId;
            await db.Runs.Where(r => r.SweepId == sweepId && r.TrialNumber == number)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Dataset, dataset)
                    .SetProperty(r => r.WarmStartSweepId, sourceSweep)
                    .SetProperty(r => r.WarmStartRunId, sourceRun), cancellationToken);
        }
    }

    /// <summary>Sets a sweep's status from the coordinator, only while it is still running (a user's pause or stop wins).</summary>
    internal async Task<bool> EndFromCoordinatorAsync(long sweepId, SweepStatus status, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        DateTimeOffset? ended = status == SweepStatus.Paused ? null : now;
        var changed = await db.Sweeps.Where(s => s.Id == sweepId && s.Status == SweepStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.StatusReason, reason).SetProperty(s => s.EndedAt, ended),
                cancellationToken);
        if (changed > 0)
        {
            events.Publish(ExperimentTopic.Sweep(sweepId));
            events.Publish(ExperimentTopic.Sweeps);
            await notifications.SweepStatusChangedAsync(sweepId, status, reason, cancellationToken);
        }
        return changed > 0;
    }

    internal async Task StopTrialsAsync(long sweepId, string reason, CancellationToken cancellationToken)
    {
        var told = await queue.FinishSweepTrialsAsync(sweepId, reason, cancellationToken);
        foreach (var (runId, agentId) in told)
        {
            await agents.StopTrialAsync(agentId, runId, reason);
        }
        events.Publish(ExperimentTopic.Sweep(sweepId));
    }

    private async Task<SweepChangeResult> ChangeAsync(long sweepId, SweepStatus[] from, SweepStatus to, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sweep = await db.Sweeps.FirstOrDefaultAsync(s => s.Id == sweepId, cancellationToken);
        if (sweep is null)
        {
            return new SweepChangeResult(SweepChange.NotFound, $"there is no sweep {sweepId}");
        }
        if (sweep.Status == to)
        {
            return SweepChangeResult.Done;
        }
        if (!from.Contains(sweep.Status))
        {
            return new SweepChangeResult(SweepChange.Conflict,
                $"sweep {sweepId} is {EnumNames.ToText(sweep.Status)}; only a {string.Join(" or ", from.Select(EnumNames.ToText))} sweep can be {Verb(to)}");
        }
        var now = time.GetUtcNow();
        sweep.Status = to;
        sweep.StatusReason = reason;
        if (to == SweepStatus.Running)
        {
            sweep.ResumedAt = now;
            // A resume says the set-up problem is fixed: the next agent tries again.
            sweep.SetupLog = null;
        }
        if (to == SweepStatus.Stopped)
        {
            sweep.EndedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        events.Publish(ExperimentTopic.Sweep(sweepId));
        events.Publish(ExperimentTopic.Sweeps);
        if (to == SweepStatus.Running)
        {
            await agents.WorkAvailableAsync();
        }
        await notifications.SweepStatusChangedAsync(sweepId, to, reason, cancellationToken);
        return SweepChangeResult.Done;
    }

    private static string Verb(SweepStatus to) => to switch
    {
        SweepStatus.Paused => "paused",
        SweepStatus.Running => "resumed",
        _ => "stopped",
    };

    private static bool IsCompleted(TrialSnapshot trial) => trial.Status == RunStatus.Completed;

    private static TrialResultDto ToResult(TrialSnapshot trial) => new(trial.RunId, trial.TrialNumber, Params(trial.ParamsJson), trial.Metrics);

    private static JsonElement Params(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
