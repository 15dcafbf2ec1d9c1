using System.Collections.Concurrent;
using System.Globalization;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Notifications;

/// <summary>
/// Decides who is told what: a sweep's targets are its spec's <c>notify</c> list and its project's defaults. Each
/// message owed is one <see cref="NotificationDelivery"/> row (unique per sweep, target and occurrence of the event),
/// sent by a Hangfire job, so the sweep never waits for a receiver and a restart loses nothing.
/// </summary>
public sealed class NotificationPlanner(
    IDbContextFactory<ExperimentHubDb> contexts,
    SweepSpecCache specs,
    TrialReader trials,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<NotificationPlanner> logger) : ISweepNotifications
{
    private static readonly TimeSpan RememberTargetsFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<long, NewBestInterest> _newBest = new();

    public async Task SweepStatusChangedAsync(long sweepId, SweepStatus status, string? reason, CancellationToken cancellationToken)
    {
        NotifyEvent? notifyEvent = status switch
        {
            SweepStatus.Completed => NotifyEvent.Completed,
            SweepStatus.Failed => NotifyEvent.Failed,
            SweepStatus.Paused => NotifyEvent.Paused,
            _ => null,
        };
        if (notifyEvent is not { } happened)
        {
            return;
        }
        try
        {
            var (sweep, targets) = await TargetsAsync(sweepId, happened, cancellationToken);
            if (sweep is null || targets.Count == 0)
            {
                return;
            }
            var best = await BestAsync(sweepId, cancellationToken);
            var text = $"Sweep {sweepId} '{sweep.Name}' {NotifyEvents.Name(happened)}" + (reason is null ? "" : $": {reason}")
                + (best is null ? "" : $". Best: {best}");
            var key = $"{NotifyEvents.Name(happened)}@{time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
            await OweAsync(sweepId, happened, key, null, text, targets, cancellationToken);
        }
        catch (SweepSpecException ex)
        {
            // Its notify targets live in a spec that no longer parses (stored before a limit existed): said in one line.
            logger.LogWarning("Notifications for sweep {SweepId} ({Status}) could not be planned: its stored spec no longer parses: {Problem}",
                sweepId, status, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Notifications for sweep {SweepId} ({Status}) could not be planned", sweepId, status);
        }
    }

    public void TrialCompleted(long sweepId, long runId)
    {
        // Whether anyone listens is read at most every few seconds per sweep, off the trial's end; who is best is
        // settled in a job, only for sweeps with listeners. A trial's end never waits for either, nor queues a job
        // when nobody listens (a job per trial end cost the dispatch path more than the end itself).
        var interest = _newBest.GetOrAdd(sweepId, _ => new NewBestInterest());
        lock (interest)
        {
            if (interest.Until > time.GetUtcNow())
            {
                if (interest.Wanted)
                {
                    QueueNewBestCheck(sweepId, runId);
                }
                return;
            }
            interest.Waiting.Add(runId);
            if (interest.Reading)
            {
                return;
            }
            interest.Reading = true;
        }
        _ = Task.Run(() => ReadInterestAsync(sweepId, interest));
    }

    /// <summary>Reads whether the sweep has new_best targets, then checks the trials that completed meanwhile if it has.</summary>
    private async Task ReadInterestAsync(long sweepId, NewBestInterest interest)
    {
        bool wanted;
        try
        {
            wanted = (await TargetsAsync(sweepId, NotifyEvent.NewBest, CancellationToken.None)).Targets.Count > 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unknown: the jobs decide for themselves, as they do for every trial of a sweep with listeners.
            logger.LogWarning(ex, "Could not read whether sweep {SweepId} has new_best targets; each completed trial is checked in a job", sweepId);
            wanted = true;
        }
        List<long> waiting;
        lock (interest)
        {
            interest.Wanted = wanted;
            interest.Until = time.GetUtcNow() + RememberTargetsFor;
            interest.Reading = false;
            waiting = [.. interest.Waiting];
            interest.Waiting.Clear();
        }
        if (wanted)
        {
            foreach (var runId in waiting)
            {
                QueueNewBestCheck(sweepId, runId);
            }
        }
    }

    private void QueueNewBestCheck(long sweepId, long runId)
    {
        try
        {
            jobs.Enqueue<NotificationJobs>(j => j.CheckNewBestAsync(sweepId, runId, CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not queue the new_best check of sweep {SweepId}'s trial run {RunId}", sweepId, runId);
        }
    }

    /// <summary>Owes a <c>new_best</c> message when <paramref name="runId"/> is (still) the sweep's best, or on its Pareto set.</summary>
    internal async Task CheckNewBestAsync(long sweepId, long runId, CancellationToken cancellationToken)
    {
        var (sweep, targets) = await TargetsAsync(sweepId, NotifyEvent.NewBest, cancellationToken);
        if (sweep is null || targets.Count == 0 || await specs.GetAsync(sweepId, cancellationToken) is not { } spec || spec.Objectives.Count == 0)
        {
            return;
        }
        var list = await trials.ReadAsync(sweepId, cancellationToken);
        TrialSnapshot? trial;
        if (spec.Objectives.Count == 1)
        {
            trial = SweepResults.Best(list, IsCompleted, t => t.Metrics, spec.Objectives[0], spec.Constraints);
            trial = trial?.RunId == runId ? trial : null;
        }
        else
        {
            var split = SweepResults.Split(list, IsCompleted, t => t.Metrics, spec.Objectives, spec.Constraints);
            trial = split.FrontIndices.Select(i => split.Feasible[i]).FirstOrDefault(t => t.RunId == runId);
        }
        if (trial is null)
        {
            return;
        }
        var text = $"Sweep {sweepId} '{sweep.Name}': new best trial {trial.TrialNumber}, {Metrics(trial, spec)}";
        await OweAsync(sweepId, NotifyEvent.NewBest, $"new_best@run:{runId.ToString(CultureInfo.InvariantCulture)}", runId, text, targets, cancellationToken);
    }

    /// <summary>The sweep and its targets that want <paramref name="notifyEvent"/>: the spec's, then the project's defaults.</summary>
    private async Task<(Sweep? Sweep, List<NotifyTarget> Targets)> TargetsAsync(long sweepId, NotifyEvent notifyEvent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sweep = await db.Sweeps.AsNoTracking().Include(s => s.Project).FirstOrDefaultAsync(s => s.Id == sweepId, cancellationToken);
        if (sweep is null)
        {
            return (null, []);
        }
        var own = (await specs.GetAsync(sweepId, cancellationToken))?.Notify ?? [];
        var defaults = sweep.Project?.NotifyText is { Length: > 0 } text ? NotifyListParser.Parse(text).Targets : [];
        var targets = own.Concat(defaults).Where(t => t.Wants(notifyEvent))
            .DistinctBy(t => (t.Channel, t.Address)).ToList();
        return (sweep, targets);
    }

    private async Task OweAsync(long sweepId, NotifyEvent notifyEvent, string key, long? runId, string text,
        IReadOnlyList<NotifyTarget> targets, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var target in targets)
        {
            var row = new NotificationDelivery
            {
                SweepId = sweepId,
                Channel = ChannelName(target.Channel),
                Target = target.Address,
                Event = NotifyEvents.Name(notifyEvent),
                EventKey = key,
                RunId = runId,
                Text = text,
                Status = DeliveryStatus.Pending,
                CreatedAt = now,
            };
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.NotificationDeliveries.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // Already owed (the same occurrence planned twice): the first row's job sends it.
                continue;
            }
            try
            {
                jobs.Enqueue<NotificationJobs>(j => j.DeliverAsync(row.Id, CancellationToken.None));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The row is owed and stays pending: the resend job (NotificationJobs.ResendStrandedAsync) gives it a job.
                logger.LogWarning(ex, "Notification {DeliveryId} to {Target} was saved but its job could not be queued; the resend job sends it later",
                    row.Id, row.Target);
            }
        }
    }

    public static string ChannelName(NotifyChannel channel) => channel == NotifyChannel.Webhook ? "webhook" : "email";

    private async Task<string?> BestAsync(long sweepId, CancellationToken cancellationToken)
    {
        if (await specs.GetAsync(sweepId, cancellationToken) is not { Objectives.Count: 1 } spec)
        {
            return null;
        }
        var list = await trials.ReadAsync(sweepId, cancellationToken);
        var best = SweepResults.Best(list, IsCompleted, t => t.Metrics, spec.Objectives[0], spec.Constraints);
        return best is null ? null : $"trial {best.TrialNumber}, {Metrics(best, spec)}";
    }

    private static string Metrics(TrialSnapshot trial, SweepSpec spec) =>
        string.Join(", ", spec.Objectives.Select(o =>
            $"{o.Metric}={(trial.Metrics.TryGetValue(o.Metric, out var v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "?")}"));

    private static bool IsCompleted(TrialSnapshot trial) => trial.Status == RunStatus.Completed;
}
