using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Events;
using Hangfire;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// Enqueues <see cref="ComputeJobs.FollowSweepChangeAsync"/> when a sweep is submitted or changes state (the sweeps
/// topic), so that a new sweep gets its instances and a paused or ended one loses them at once, not at the recurring
/// jobs' next tick. Bursts of changes collapse into one job (the subscription coalesces them). Nothing on a server
/// without a configured backend.
/// </summary>
internal sealed class ComputeJobTrigger(IExperimentEvents events, ComputeBackends backends, IBackgroundJobClient jobs) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (backends.Configured.Any())
        {
            _subscription = events.Subscribe(ExperimentTopic.Sweeps, () =>
            {
                jobs.Enqueue<ComputeJobs>(j => j.FollowSweepChangeAsync(CancellationToken.None));
                return Task.CompletedTask;
            });
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }
}
