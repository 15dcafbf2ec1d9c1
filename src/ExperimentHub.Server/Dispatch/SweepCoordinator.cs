using System.Globalization;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Keeps every running sweep's queue filled: up to <c>parallel</c> trials pending, leased or running, new ones
/// suggested by the sweep's sampler from all its trials so far (and warm-start history). Ends a sweep when its
/// budget of trial rows is finished or its time is up, and pauses one whose trials keep failing. Woken by
/// <see cref="DispatchSignal"/> (a trial ended, a sweep changed) and by a timer. It reads through
/// <see cref="SweepSearchInputs"/> and changes sweeps and queues through <see cref="SweepService"/>.
/// </summary>
public sealed class SweepCoordinator(
    SweepSearchInputs inputs,
    SweepService sweeps,
    DispatchSignal signal,
    IExperimentEvents events,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<SweepCoordinator> logger) : BackgroundService
{
    private bool _signalled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.CoordinatorIntervalMilliseconds);
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
                await PassAsync(stoppingToken);
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
            try
            {
                _signalled = await signal.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One look at every running sweep.</summary>
    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        var running = await sweeps.ListRunningAsync(cancellationToken);
        if (!_signalled)
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
