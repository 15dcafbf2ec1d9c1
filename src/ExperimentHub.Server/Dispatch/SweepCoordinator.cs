using System.Globalization;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Keeps every running sweep's queue filled: up to <c>parallel</c> trials pending, leased or running, new ones
/// suggested by the sweep's sampler from all its trials so far (and warm-start history). Ends a sweep when its
/// budget of trial rows is finished or its time is up, and pauses one whose trials keep failing. A recurring Hangfire
/// job runs a pass on a timer (Jobs/DispatchJobs); <see cref="DispatchSignal"/> (a trial ended, a sweep changed)
/// wakes a pass at once, run here (a direct hand-off) or as a Hangfire job (<see cref="DispatchOptions.Delivery"/>).
/// Passes never overlap. It reads through <see cref="SweepSearchInputs"/> and changes sweeps and queues through
/// <see cref="SweepService"/>.
/// </summary>
public sealed class SweepCoordinator(
    SweepSearchInputs inputs,
    SweepService sweeps,
    DispatchSignal signal,
    IExperimentEvents events,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    IBackgroundJobClient jobs,
    ILogger<SweepCoordinator> logger) : BackgroundService
{
    private readonly SemaphoreSlim _pass = new(1, 1);
    private int _passQueued;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The dashboard publishes here when it changes a sweep; act on it at once rather than at the next tick.
        using var dashboard = events.Subscribe(ExperimentTopic.Sweeps, () =>
        {
            signal.Wake();
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (options.Value.Delivery == DispatchDelivery.Hangfire)
            {
                QueueSignalledPass();
                continue;
            }
            try
            {
                await SignalledPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One bad pass (a locked file, a bug) must not end dispatch for good.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "A dispatch pass failed; retrying");
            }
        }
    }

    /// <summary>A pass after a signal (a trial ended, a sweep changed): the running sweeps only, kept cheap.</summary>
    internal async Task SignalledPassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _passQueued, 0);
        await PassAsync(signalled: true, cancellationToken);
    }

    /// <summary>The timer's pass (a recurring Hangfire job): also stops the trials of sweeps that ended elsewhere.</summary>
    internal Task ScheduledPassAsync(CancellationToken cancellationToken) => PassAsync(signalled: false, cancellationToken);

    /// <summary>Signals that arrive while a pass is queued collapse into it, as they do into one direct pass.</summary>
    private void QueueSignalledPass()
    {
        if (Interlocked.Exchange(ref _passQueued, 1) == 0)
        {
            jobs.Enqueue<Jobs.DispatchJobs>(j => j.CoordinateAfterSignalAsync(CancellationToken.None));
        }
    }

    /// <summary>One look at every running sweep; one pass at a time.</summary>
    internal async Task PassAsync(bool signalled, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await PassLockedAsync(signalled, cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task PassLockedAsync(bool signalled, CancellationToken cancellationToken)
    {
        var running = await sweeps.ListRunningAsync(cancellationToken);
        if (!signalled)
        {
            // Only on the timer: it is a safety net, and a pass per trial end should stay cheap.
            await StopTrialsOfEndedSweepsAsync(cancellationToken);
        }
        foreach (var sweep in running)
        {
            try
            {
                await CoordinateAsync(sweep, cancellationToken);
            }
            catch (SweepSpecException ex)
            {
                // A spec stored before a limit existed (timeout_minutes: 1e300) is a known state with a clear reason, not a
                // fault of the dispatcher: one line, no stack trace, and the sweep fails with that reason.
                logger.LogWarning("Sweep {SweepId}'s stored spec no longer parses, so the sweep fails: {Problem}", sweep.Id, ex.Message);
                await sweeps.EndFromCoordinatorAsync(sweep.Id, SweepStatus.Failed, $"its stored spec no longer parses: {ex.Message}", cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sweep {SweepId} could not be coordinated", sweep.Id);
                await sweeps.EndFromCoordinatorAsync(sweep.Id, SweepStatus.Failed, $"the dispatcher failed on this sweep: {ex.Message}", cancellationToken);
            }
        }
        inputs.RetainOnly(running.Select(s => s.Id).ToHashSet());
    }

    /// <summary>A sweep stopped elsewhere (the dashboard, a crash between two writes) still has trials: stop them.</summary>
    private async Task StopTrialsOfEndedSweepsAsync(CancellationToken cancellationToken)
    {
        foreach (var sweepId in await sweeps.ListEndedWithActiveTrialsAsync(cancellationToken))
        {
            await sweeps.StopTrialsAsync(sweepId, "the sweep ended", cancellationToken);
        }
    }

    private async Task CoordinateAsync(Sweep sweep, CancellationToken cancellationToken)
    {
        var spec = await inputs.SpecAsync(sweep.Id, cancellationToken);
        var trials = await inputs.TrialsAsync(sweep.Id, cancellationToken);
        var budget = sweep.TrialBudget + sweep.ExtraTrials;
        var active = trials.Count(t => t.IsActive);
        var now = time.GetUtcNow();

        if (spec.Budget.Minutes is { } minutes && sweep.StartedAt is { } started && now >= SpecDurations.After(started, minutes))
        {
            await sweeps.StopTrialsAsync(sweep.Id, "the sweep reached its time budget", cancellationToken);
            await sweeps.EndFromCoordinatorAsync(sweep.Id, SweepStatus.Completed,
                $"reached its time budget of {Format(minutes)} minutes after {trials.Count - active} finished trials", cancellationToken);
            return;
        }

        if (trials.Count >= budget)
        {
            if (active == 0)
            {
                await sweeps.EndFromCoordinatorAsync(sweep.Id, SweepStatus.Completed, $"ran its budget of {budget} trials", cancellationToken);
            }
            return;
        }

        if (FailureStreak(trials, sweep.ResumedAt) is { Count: var streak, Last: var last } && streak >= spec.Budget.MaxConsecutiveFailures)
        {
            var error = last?.Error ?? (last?.ExitCode is { } code ? $"exit code {code}" : "no error recorded");
            await sweeps.EndFromCoordinatorAsync(sweep.Id, SweepStatus.Paused,
                $"paused after {streak} consecutive failed trials: last error {error}", cancellationToken);
            return;
        }

        var want = Math.Min(sweep.Parallel - active, budget - trials.Count);
        if (want <= 0 || spec.IsAskTell)
        {
            // An ask/tell sweep's trials are made by its asks (AskTellService), never queued for agents.
            return;
        }
        var suggestions = await inputs.SuggestAsync(sweep, spec, trials, want, cancellationToken);
        if (suggestions.Count == 0)
        {
            if (active == 0)
            {
                await sweeps.EndFromCoordinatorAsync(sweep.Id, SweepStatus.Completed,
                    $"the search space is exhausted after {trials.Count} trials", cancellationToken);
            }
            return;
        }
        var next = trials.Count == 0 ? 1 : trials.Max(t => t.TrialNumber) + 1;
        var pending = suggestions.Select((s, i) => new PendingTrial(next + i, ParameterJson.Write(s.Parameters))).ToList();
        await sweeps.EnqueueTrialsAsync(sweep, spec.Trial.Gpus, pending, cancellationToken);
        await sweeps.MarkFromHistoryAsync(sweep.Id, suggestions.Select((s, i) => (next + i, s.FromHistory)).ToList(), spec.Dataset, cancellationToken);
    }

    /// <summary>Failed (or timed-out) trials in a row, most recent first, among those that ended after the last resume.</summary>
    private static (int Count, TrialSnapshot? Last) FailureStreak(IReadOnlyList<TrialSnapshot> trials, DateTimeOffset? since)
    {
        var ended = trials.Where(t => Run.IsFinished(t.Status) && t.EndedAt is { } e && (since is null || e > since))
            .OrderByDescending(t => t.EndedAt).ThenByDescending(t => t.RunId);
        var count = 0;
        TrialSnapshot? last = null;
        foreach (var trial in ended)
        {
            if (trial.Status is not (RunStatus.Failed or RunStatus.TimedOut))
            {
                break;
            }
            last ??= trial;
            count++;
        }
        return (count, last);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
