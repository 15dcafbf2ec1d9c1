using System.ComponentModel;
using ExperimentHub.Server.Dispatch;
using Hangfire;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// The dispatcher's background work as Hangfire jobs; each calls the class that owns the logic. A job that finds the
/// same work already running in this process returns at once: the running one does it, and the next tick comes soon,
/// so none is retried either.
/// </summary>
public sealed class DispatchJobs(LeaseReaper reaper, SweepCoordinator coordinator) : IDisposable
{
    private readonly SemaphoreSlim _reaping = new(1, 1);

    [DisplayName("Requeue trials whose lease expired, stop trials past their timeout")]
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    public async Task ReapExpiredLeasesAsync(CancellationToken cancellationToken)
    {
        if (!await _reaping.WaitAsync(0, cancellationToken))
        {
            return;
        }
        try
        {
            await reaper.ReapAsync(cancellationToken);
        }
        finally
        {
            _reaping.Release();
        }
    }

    [DisplayName("Coordinate running sweeps: fill their queues, end finished ones, stop trials of ended ones")]
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    public Task CoordinateRunningSweepsAsync(CancellationToken cancellationToken) =>
        coordinator.ScheduledPassAsync(cancellationToken);

    [DisplayName("Hand out trials after a trial ended or a sweep changed")]
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    public Task CoordinateAfterSignalAsync(CancellationToken cancellationToken) =>
        coordinator.SignalledPassAsync(cancellationToken);

    public void Dispose() => _reaping.Dispose();
}
