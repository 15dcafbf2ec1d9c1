using System.ComponentModel;
using ExperimentHub.Server.Compute;
using Hangfire;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// The compute backends' background work (ec2, slurm) as Hangfire jobs: the scaler starts capacity, the terminator
/// kills runaway capacity. Both take one lock, so that the terminator never sees an instance the scaler launched but
/// has not stored yet (it would take it for a stranger). Behind a running pass at most one more of its kind waits: it
/// reads the store after the running one, so a third would only repeat it. A failed pass (the cloud unreachable) is
/// logged and deleted rather than kept as failed: the next tick tries again.
/// </summary>
public sealed class ComputeJobs(ComputeScaler scaler, InstanceTerminator terminator) : IDisposable
{
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly SemaphoreSlim _scalers = new(2, 2);
    private readonly SemaphoreSlim _terminators = new(2, 2);

    [DisplayName("Start EC2 instances and Slurm jobs for running sweeps that need agents")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task StartCapacityAsync(CancellationToken cancellationToken) => RunAsync(_scalers, scaler.RunOnceAsync, cancellationToken);

    [DisplayName("Terminate runaway EC2 instances and Slurm jobs (sweep ended, never registered, silent, too old, over budget, unknown)")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task TerminateRunawayCapacityAsync(CancellationToken cancellationToken) => RunAsync(_terminators, terminator.RunOnceAsync, cancellationToken);

    /// <summary>Enqueued when a sweep is submitted or changes state, so that capacity follows within seconds rather than at the next tick.</summary>
    [DisplayName("Start or stop capacity after a sweep started, paused or ended")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task FollowSweepChangeAsync(CancellationToken cancellationToken)
    {
        await StartCapacityAsync(cancellationToken);
        await TerminateRunawayCapacityAsync(cancellationToken);
    }

    private async Task RunAsync(SemaphoreSlim kind, Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
    {
        if (!await kind.WaitAsync(0, cancellationToken))
        {
            return;
        }
        try
        {
            await _pass.WaitAsync(cancellationToken);
            try
            {
                await pass(cancellationToken);
            }
            finally
            {
                _pass.Release();
            }
        }
        finally
        {
            kind.Release();
        }
    }

    public void Dispose()
    {
        _pass.Dispose();
        _scalers.Dispose();
        _terminators.Dispose();
    }
}
