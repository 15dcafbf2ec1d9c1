using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Compute;

/// <summary>
/// Runs the scaler and then the terminator every <see cref="ComputeOptions.IntervalSeconds"/>, one after the other
/// (so the terminator never sees an instance the scaler launched but has not stored yet). A failed pass is logged
/// and the next one tries again.
/// </summary>
public sealed class ComputeLoop(
    ComputeScaler scaler, InstanceTerminator terminator, ComputeBackends backends, TimeProvider time, IOptions<ComputeOptions> options,
    ILogger<ComputeLoop> logger) : BackgroundService
{
    /// <summary>Does nothing on a server where no backend is configured (the usual, agents-only case).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!backends.Configured.Any())
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), time);
        do
        {
            try
            {
                await scaler.RunOnceAsync(stoppingToken);
                await terminator.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed pass (the cloud unreachable, a locked store) must not end the loop for good.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "A compute pass failed; the next one tries again");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
