using System.ComponentModel;
using ExperimentHub.Server.Api;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Services;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// Writes the whole run catalog to <see cref="CatalogExportOptions.Path"/>. Idempotent: each run writes a temporary
/// file beside the target and moves it into place, so a reader never sees half a catalog and a retry just writes
/// it again.
/// </summary>
public sealed class CatalogExportJob(RunCatalog catalog, IOptions<CatalogExportOptions> options, IOptions<StoreOptions> store, ILogger<CatalogExportJob> logger)
{
    [DisplayName("Export the run catalog to a file")]
    [AutomaticRetry(Attempts = 2)]
    public async Task ExportAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var target = TargetPath(settings, store.Value);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".partial";
        var filter = new CatalogFilter(null, null);
        long rows;
        await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            rows = settings.Format == CatalogApi.Jsonl
                ? await CatalogJsonlWriter.WriteAsync(output, catalog.ReadAsync(filter, cancellationToken), cancellationToken)
                : await CatalogCsvWriter.WriteAsync(output, await catalog.ColumnsAsync(filter, cancellationToken),
                    catalog.ReadAsync(filter, cancellationToken), cancellationToken);
        }
        File.Move(temporary, target, overwrite: true);
        logger.LogInformation("Exported {Rows} runs to {Path}", rows, target);
    }

    public static string TargetPath(CatalogExportOptions settings, StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        return Path.GetFullPath(settings.Path, store.DataDirectory);
    }
}
