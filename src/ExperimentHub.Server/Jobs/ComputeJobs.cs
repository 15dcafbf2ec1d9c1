using System.ComponentModel;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Dispatch;
using Hangfire;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// The compute backends' background work (ec2, slurm) as Hangfire jobs: the scaler starts capacity, the terminator
/// kills runaway capacity. Both take one lock, in this process and then across every server on the store
/// (<see cref="StoreLock"/>), so that two scalers never both start what one sweep needs, and the terminator never sees
/// an instance a scaler launched but has not stored yet (it would take it for a stranger). Behind a running pass at
/// most one more of its kind waits in this process: it reads the store after the running one, so a third would only
/// repeat it. A failed pass (the cloud unreachable) is
/// logged as an error here and then deleted rather than kept as failed: the next tick tries again.
/// </summary>
public sealed class ComputeJobs(
    ComputeScaler scaler, InstanceTerminator terminator, SweepCoordinator coordinator, StoreLock locks, ILogger<ComputeJobs> logger)
    : IDisposable
{
    /// <summary>The store lock that the scaler's and the terminator's passes share, on every server.</summary>
    public const string PassLock = "compute-passes";

    /// <summary>How long a pass waits for another server's; past it, the next tick tries again.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly SemaphoreSlim _scalers = new(2, 2);
    private readonly SemaphoreSlim _terminators = new(2, 2);

    [DisplayName("Start EC2 instances and Slurm jobs for running sweeps that need agents")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task StartCapacityAsync(CancellationToken cancellationToken) =>
        RunAsync(_scalers, "The scaler's pass", scaler.RunOnceAsync, cancellationToken);

    [DisplayName("Terminate runaway EC2 instances and Slurm jobs (sweep ended, never registered, silent, too old, over budget, unknown)")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task TerminateRunawayCapacityAsync(CancellationToken cancellationToken) =>
        RunAsync(_terminators, "The terminator's pass", terminator.RunOnceAsync, cancellationToken);

    /// <summary>
    /// Enqueued when a sweep is submitted or changes state, so that capacity follows within seconds rather than at the
    /// next tick. A coordinator pass comes first: a submitted sweep has no trials queued until one fills its queue, and
    /// the scaler starts capacity only for queued trials (where the job ran before the coordinator's own pass, as
    /// PostgreSQL's storage, which wakes a worker on enqueue, made it do, the new sweep got nothing until the next tick).
    /// </summary>
    [DisplayName("Start or stop capacity after a sweep started, paused or ended")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task FollowSweepChangeAsync(CancellationToken cancellationToken)
    {
        await LoggedAsync("The coordinator's pass before the compute passes", c => coordinator.PassAsync(signalled: true, c), cancellationToken);
        await StartCapacityAsync(cancellationToken);
        await TerminateRunawayCapacityAsync(cancellationToken);
    }

    private async Task RunAsync(SemaphoreSlim kind, string what, Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
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
                await LoggedAsync(what, async c =>
                {
                    await using var held = await locks.TryAcquireAsync(PassLock, LockWait, c);
                    if (held is null)
                    {
                        logger.LogWarning("{Pass} skipped: another server's compute pass held the store lock for {Minutes} minutes; the next tick tries again",
                            what, LockWait.TotalMinutes);
                        return;
                    }
                    await pass(c);
                }, cancellationToken);
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

    /// <summary>Hangfire deletes a failed compute job (the next tick retries): the failure is logged here, so that it is seen.</summary>
    private async Task LoggedAsync(string what, Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
    {
        try
        {
            await pass(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "{Pass} failed: {Error}; the next tick tries again", what, ex.Message);
            throw;
        }
    }

    public void Dispose()
    {
        _pass.Dispose();
        _scalers.Dispose();
        _terminators.Dispose();
    }
}
