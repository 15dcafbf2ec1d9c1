using ExperimentHub.Server.Api;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Jobs;

/// <summary>A bad format or path stops the start, naming the setting.</summary>
internal sealed class CatalogExportOptionsValidator : IValidateOptions<CatalogExportOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Format is not (CatalogApi.Csv or CatalogApi.Jsonl))
        {
            failures.Add($"ExperimentHub:CatalogExport:Format must be {CatalogApi.Csv} or {CatalogApi.Jsonl}, not '{options.Format}'");
        }
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("ExperimentHub:CatalogExport:Path must name a file");
        }
        // The cron itself is parsed by Hangfire when the job is registered at start (RecurringJobsRegistrar).
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
