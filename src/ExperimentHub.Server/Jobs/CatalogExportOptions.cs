namespace ExperimentHub.Server.Jobs;

/// <summary>
/// The <c>ExperimentHub:CatalogExport</c> settings: the run catalog written to a file on a schedule. Off while
/// <see cref="Cron"/> is empty.
/// </summary>
public sealed class CatalogExportOptions
{
    public const string Section = "ExperimentHub:CatalogExport";

    /// <summary>When to export, as a Hangfire cron (five fields, or six with seconds first); empty turns it off.</summary>
    public string? Cron { get; set; }

    /// <summary>The file to write (replaced whole each time); relative paths are from the data folder.</summary>
    public string Path { get; set; } = "exports/runs.csv";

    /// <summary><c>csv</c> or <c>jsonl</c>.</summary>
    public string Format { get; set; } = "csv";

    public bool Enabled => !string.IsNullOrWhiteSpace(Cron);
}
