using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// The catalog as CSV: fixed columns, then one <c>param.NAME</c> column per parameter name and one <c>metric.KEY</c>
/// column per metric key. Flushed every <see cref="FlushEvery"/> rows, so the reader sees rows as they are read.
/// </summary>
public static class CatalogCsvWriter
{
    public const int FlushEvery = 256;

    public static readonly IReadOnlyList<string> FixedColumns =
    [
        "id", "project", "sweepId", "trialNumber", "name", "status", "createdAt", "startedAt", "endedAt",
        "durationSeconds", "attempt", "exitCode", "dataset", "codeVersion", "warmStartSweepId", "warmStartRunId", "objectives",
        "searchSpace", "feasible", "artifacts",
    ];

    public static async Task<long> WriteAsync(Stream output, CatalogColumns columns, IAsyncEnumerable<CatalogRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        // RFC 4180, UTF-8 straight into the stream; fields are quoted when they hold a comma, a quote or a line break,
        // and text that a spreadsheet would run as a formula is escaped (SpreadsheetCells).
        await using var csv = CsvWriter.Create(output, options: null, leaveOpen: true);
        foreach (var name in FixedColumns)
        {
            csv.WriteField(name);
        }
        foreach (var name in columns.Params)
        {
            csv.WriteField("param." + name);
        }
        foreach (var key in columns.Metrics)
        {
            csv.WriteField("metric." + key);
        }
        await csv.EndRecordAsync(cancellationToken);

        var paramIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Params.Count; i++)
        {
            paramIndex[columns.Params[i]] = i;
        }
        var paramCells = new string?[columns.Params.Count];
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(row.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Project);
            csv.WriteField(row.SweepId?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.TrialNumber?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(SpreadsheetCells.Escape(row.Name));
            csv.WriteField(row.Status);
            csv.WriteField(CatalogCells.Time(row.CreatedAt));
            csv.WriteField(CatalogCells.Time(row.StartedAt));
            csv.WriteField(CatalogCells.Time(row.EndedAt));
            csv.WriteField(row.DurationSeconds is { } seconds ? CatalogCells.Number(seconds) : null);
            csv.WriteField(row.Attempt.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.ExitCode?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Dataset);
            csv.WriteField(row.CodeVersion);
            csv.WriteField(row.WarmStartSweepId?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.WarmStartRunId?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Sweep?.ObjectivesText);
            csv.WriteField(row.Sweep?.SpaceJson);
            csv.WriteField(row.Feasible is { } feasible ? (feasible ? "true" : "false") : null);
            csv.WriteField(string.Join(' ', row.ArtifactLinks));

            Array.Clear(paramCells);
            using (var parameters = JsonDocument.Parse(row.ParamsJson))
            {
                if (parameters.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in parameters.RootElement.EnumerateObject())
                    {
                        // A name missing from the columns appeared after the first pass (a run created meanwhile): left out.
                        if (paramIndex.TryGetValue(property.Name, out var index))
                        {
                            paramCells[index] = CatalogCells.Param(property.Value);
                        }
                    }
                }
            }
            foreach (var cell in paramCells)
            {
                csv.WriteField(SpreadsheetCells.Escape(cell));
            }
            foreach (var key in columns.Metrics)
            {
                csv.WriteField(row.Metrics.TryGetValue(key, out var value) ? CatalogCells.Number(value) : null);
            }
            await csv.EndRecordAsync(cancellationToken);
            if (++count % FlushEvery == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }
        await csv.FlushAsync(cancellationToken);
        return count;
    }
}
