using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Notifications;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// Registers the platform's recurring jobs at start, from the settings of this start: changed intervals replace the
/// stored ones, and a catalog export turned off (or a server with no compute backend configured) has its jobs removed.
/// </summary>
internal sealed class RecurringJobsRegistrar(
    IRecurringJobManager recurring,
    IOptions<DispatchOptions> dispatch,
    IOptions<CatalogExportOptions> export,
    IOptions<ComputeOptions> compute,
    ComputeBackends backends) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        recurring.AddOrUpdate<DispatchJobs>(JobNames.ReapExpiredLeases, j => j.ReapExpiredLeasesAsync(CancellationToken.None),
            IntervalCron.Every(dispatch.Value.ReapIntervalMilliseconds), utc);
        recurring.AddOrUpdate<DispatchJobs>(JobNames.CoordinateRunningSweeps, j => j.CoordinateRunningSweepsAsync(CancellationToken.None),
            IntervalCron.Every(dispatch.Value.CoordinatorIntervalMilliseconds), utc);
        recurring.AddOrUpdate<NotificationJobs>(JobNames.ResendStrandedNotifications, j => j.ResendStrandedAsync(CancellationToken.None),
            IntervalCron.Every(60_000), utc);
        RegisterCompute(utc);
        var settings = export.Value;
        if (!settings.Enabled)
        {
            recurring.RemoveIfExists(JobNames.ExportRunCatalog);
            return Task.CompletedTask;
        }
        try
        {
            recurring.AddOrUpdate<CatalogExportJob>(JobNames.ExportRunCatalog, j => j.ExportAsync(CancellationToken.None), settings.Cron!.Trim(), utc);
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException(CatalogExportOptions.Section, typeof(CatalogExportOptions),
                [$"ExperimentHub:CatalogExport:Cron '{settings.Cron}' is not a cron expression such as '0 3 * * *' (every day at 03:00 UTC): {ex.Message}"]);
        }
        return Task.CompletedTask;
    }

    /// <summary>The scaler and the terminator, on the same interval, only where a backend (ec2, slurm) is configured.</summary>
    private void RegisterCompute(RecurringJobOptions utc)
    {
        if (!backends.Configured.Any())
        {
            recurring.RemoveIfExists(JobNames.StartCapacity);
            recurring.RemoveIfExists(JobNames.TerminateRunawayCapacity);
            return;
        }
        var every = IntervalCron.Every((int)Math.Ceiling(compute.Value.IntervalSeconds * 1000));
        recurring.AddOrUpdate<ComputeJobs>(JobNames.StartCapacity, j => j.StartCapacityAsync(CancellationToken.None), every, utc);
        recurring.AddOrUpdate<ComputeJobs>(JobNames.TerminateRunawayCapacity, j => j.TerminateRunawayCapacityAsync(CancellationToken.None), every, utc);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
