using System.Collections.Concurrent;
using System.Globalization;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Dispatch.Models;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Ask/tell: a sweep whose spec has no command is driven over HTTP. An ask makes one running trial from the sweep's
/// sampler (which sees the untold trials, as the dispatcher's batches do), within the budget and <c>parallel</c>; a
/// tell ends it with its objective values or a failure. An asked trial not told within
/// <see cref="DispatchOptions.AskExpirySeconds"/> fails as expired, the way a lease without heartbeats ends.
/// </summary>
public sealed class AskTellService(
    IDbContextFactory<ExperimentHubDb> contexts,
    SweepSpecCache specs,
    SweepSearchInputs inputs,
    IRunTokenIssuer tokens,
    DispatchSignal signal,
    IExperimentEvents events,
    TimeProvider time,
    IOptions<DispatchOptions> options)
{
    /// <summary>The start of an expired trial's error: a tell for it answers 410 Gone.</summary>
    public const string ExpiredPrefix = "expired:";

    // Asks of one sweep one at a time, so that two concurrent asks neither overrun the budget nor get the same point.
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _askLocks = new();

    private TimeSpan Expiry => TimeSpan.FromSeconds(options.Value.AskExpirySeconds);

    public async Task<AskResult> AskAsync(long sweepId, CancellationToken cancellationToken)
    {
        var gate = _askLocks.GetOrAdd(sweepId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await AskLockedAsync(sweepId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<AskResult> AskLockedAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sweep = await db.Sweeps.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sweepId, cancellationToken);
        if (sweep is null)
        {
            return new AskResult(AskOutcome.NotFound, $"there is no sweep {sweepId}");
        }
        var spec = await specs.GetAsync(sweepId, cancellationToken);
        if (spec is null || !spec.IsAskTell)
        {
            return new AskResult(AskOutcome.NotAskTell, $"sweep {sweepId} has a command: agents run its trials; only a sweep without a command is asked");
        }
        if (sweep.Status == SweepStatus.Completed)
        {
            return new AskResult(AskOutcome.Done, $"sweep {sweepId} is completed ({sweep.StatusReason})");
        }
        if (sweep.Status != SweepStatus.Running)
        {
            return new AskResult(AskOutcome.NotRunning, $"sweep {sweepId} is {EnumNames.ToText(sweep.Status)}; only a running sweep hands out trials");
        }
        var trials = await inputs.TrialsAsync(sweepId, cancellationToken);
        var budget = sweep.TrialBudget + sweep.ExtraTrials;
        if (trials.Count >= budget)
        {
            return new AskResult(AskOutcome.Done, $"sweep {sweepId} has spent its budget of {budget} trials");
        }
        var untold = trials.Count(t => t.IsActive);
        if (untold >= sweep.Parallel)
        {
            return new AskResult(AskOutcome.Busy,
                $"sweep {sweepId} already has {untold} asked trials untold (parallel: {sweep.Parallel}); tell one first");
        }
        var suggestions = await inputs.SuggestAsync(sweep, spec, trials, 1, cancellationToken);
        if (suggestions.Count == 0)
        {
            return new AskResult(AskOutcome.Done, $"the search space of sweep {sweepId} is exhausted after {trials.Count} trials");
        }

        var now = time.GetUtcNow();
        var number = trials.Count == 0 ? 1 : trials.Max(t => t.TrialNumber) + 1;
        var run = new Run
        {
            ProjectId = sweep.ProjectId,
            SweepId = sweepId,
            TrialNumber = number,
            Name = $"trial {number}",
            Status = RunStatus.Running,
            ParamsJson = ParameterJson.Write(suggestions[0].Parameters),
            CreatedAt = now,
            StartedAt = now,
            Attempt = 1,
            Dataset = spec.Dataset,
            WarmStartSweepId = suggestions[0].FromHistory?.SourceSweepId,
            WarmStartRunId = suggestions[0].FromHistory?.SourceTrialId,
        };
        var token = tokens.NewRunToken(run);
        db.Runs.Add(run);
        db.ApiKeys.Add(token.Row);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(ExperimentTopic.Sweep(sweepId));
        return new AskResult(AskOutcome.Asked, Trial: new AskedTrial(run.Id, sweepId, number, run.ParamsJson, token.Secret, now + Expiry));
    }

    /// <summary>Ends an asked trial with its values or a failure; anything but a running asked trial is refused unchanged.</summary>
    public async Task<TellResult> TellAsync(long trialId, TellRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == trialId, cancellationToken);
        if (run?.SweepId is not { } sweepId)
        {
            return new TellResult(TellOutcome.NotFound, $"there is no asked trial {trialId}");
        }
        var spec = await specs.GetAsync(sweepId, cancellationToken);
        if (spec is null || !spec.IsAskTell)
        {
            return new TellResult(TellOutcome.NotAskTell, $"trial {trialId} belongs to sweep {sweepId}, whose trials agents run and report");
        }
        if (Refusal(run) is { } refusal)
        {
            return refusal;
        }
        if (Validate(body, spec) is { Count: > 0 } errors)
        {
            return new TellResult(TellOutcome.Invalid, "nothing was changed", errors);
        }

        var failed = body.Values is null;
        var summary = RunSummary(run, body.Values);
        var now = time.GetUtcNow();
        var status = failed ? RunStatus.Failed : RunStatus.Completed;
        string? error = failed ? $"told failed: {body.Reason}" : null;
        // Conditional on the trial still running: of two tells racing, one wins and the other is refused.
        var changed = await db.Runs.Where(r => r.Id == trialId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.SummaryJson, summary)
                .SetProperty(r => r.Error, error)
                .SetProperty(r => r.EndedAt, now), cancellationToken);
        if (changed == 0)
        {
            var current = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == trialId, cancellationToken);
            return Refusal(current) ?? new TellResult(TellOutcome.AlreadyTold, $"trial {trialId} was told meanwhile");
        }
        events.Publish(ExperimentTopic.Run(trialId));
        events.Publish(ExperimentTopic.Sweep(sweepId));
        signal.Wake();
        return new TellResult(TellOutcome.Told);
    }

    /// <summary>Fails the asked trials that were not told in time; returns their sweeps.</summary>
    public async Task<IReadOnlySet<long>> ExpireAsync(CancellationToken cancellationToken)
    {
        var changed = new HashSet<long>();
        var now = time.GetUtcNow();
        var cutoff = now - Expiry;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Running trials that no agent holds: asked trials (an agent's trial carries its agent from lease to end).
        var candidates = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Running && r.SweepId != null && r.LeaseAgentId == null)
            .Select(r => new { r.Id, r.SweepId, r.StartedAt })
            .ToListAsync(cancellationToken);
        var reason = $"{ExpiredPrefix} not told within {options.Value.AskExpirySeconds.ToString(CultureInfo.InvariantCulture)} seconds of its ask";
        foreach (var candidate in candidates.Where(c => c.StartedAt is { } started && started < cutoff))
        {
            if (await specs.GetAsync(candidate.SweepId!.Value, cancellationToken) is not { IsAskTell: true })
            {
                continue;
            }
            var expired = await db.Runs.Where(r => r.Id == candidate.Id && r.Status == RunStatus.Running)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, RunStatus.Failed)
                    .SetProperty(r => r.Error, reason)
                    .SetProperty(r => r.EndedAt, now), cancellationToken);
            if (expired > 0)
            {
                changed.Add(candidate.SweepId.Value);
                events.Publish(ExperimentTopic.Run(candidate.Id));
            }
        }
        return changed;
    }

    /// <summary>Why a tell for this trial is refused, or null while it runs.</summary>
    private static TellResult? Refusal(Run run)
    {
        if (run.Status == RunStatus.Running)
        {
            return null;
        }
        if (run.Status == RunStatus.Failed && run.Error is { } error && error.StartsWith(ExpiredPrefix, StringComparison.Ordinal))
        {
            return new TellResult(TellOutcome.Expired, $"trial {run.Id} {error}");
        }
        return new TellResult(TellOutcome.AlreadyTold, $"trial {run.Id} was already told: it is {EnumNames.ToText(run.Status)}");
    }

    private static Dictionary<string, string[]> Validate(TellRequest body, SweepSpec spec)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Values is null && body.Status is null)
        {
            errors["values"] = ["is required: the objective values, such as {\"values\": {\"loss\": 0.12}}, or {\"status\": \"failed\", \"reason\": \"...\"}"];
            return errors;
        }
        if (body.Values is not null && body.Status is not null)
        {
            errors["status"] = ["give either values (the trial completed) or status failed, not both"];
            return errors;
        }
        if (body.Status is { } status)
        {
            if (status != "failed")
            {
                errors["status"] = [$"'{status}' is not a tell status: only failed (with a reason); a completed trial is told its values"];
            }
            if (string.IsNullOrWhiteSpace(body.Reason))
            {
                errors["reason"] = ["is required with status failed: say what went wrong"];
            }
            return errors;
        }
        foreach (var key in body.Values!.Keys)
        {
            if (MetricRules.ValidateKey(key) is { } problem)
            {
                errors[$"values.{key}"] = [problem];
            }
        }
        foreach (var objective in spec.Objectives.Where(o => !body.Values.ContainsKey(o.Metric)))
        {
            errors[$"values.{objective.Metric}"] = [$"is missing: the sweep's objective {objective.Metric} needs a value"];
        }
        return errors;
    }

    private static string RunSummary(Run run, IReadOnlyDictionary<string, double>? values)
    {
        var merged = SummaryJson.Parse(run.SummaryJson);
        foreach (var (key, value) in values ?? new Dictionary<string, double>())
        {
            merged[key] = value;
        }
        return SummaryJson.Write(merged);
    }
}
