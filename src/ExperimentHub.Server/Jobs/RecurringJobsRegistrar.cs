using ExperimentHub.Server.Dispatch;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// Registers the platform's recurring jobs at start, from the settings of this start: changed intervals replace the
/// stored ones, and a catalog export turned off is removed.
/// </summary>
internal sealed class RecurringJobsRegistrar(
    IRecurringJobManager recurring,
    IOptions<DispatchOptions> dispatch,
    IOptions<CatalogExportOptions> export) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        recurring.AddOrUpdate<DispatchJobs>(JobNames.ReapExpiredLeases, j => j.ReapExpiredLeasesAsync(CancellationToken.None),
            IntervalCron.Every(dispatch.Value.ReapIntervalMilliseconds), utc);
        recurring.AddOrUpdate<DispatchJobs>(JobNames.CoordinateRunningSweeps, j => j.CoordinateRunningSweepsAsync(CancellationToken.None),
            IntervalCron.Every(dispatch.Value.CoordinatorIntervalMilliseconds), utc);
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
