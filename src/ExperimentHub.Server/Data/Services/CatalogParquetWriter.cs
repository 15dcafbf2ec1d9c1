using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// The catalog as Apache Parquet (schema in docs/catalog.md): the CSV's fixed columns typed (times as UTC
/// timestamps, ids and counts as integers, <c>feasible</c> as a boolean), one optional string column
/// <c>param.NAME</c> per parameter (the CSV's text) and one optional double column <c>metric.KEY</c> per metric.
/// Rows go out in row groups of <see cref="RowGroupSize"/>, so memory stays bounded and the reader sees progress.
/// </summary>
public static class CatalogParquetWriter
{
    public const int RowGroupSize = 10_000;

    public static async Task<long> WriteAsync(Stream output, CatalogColumns columns, IAsyncEnumerable<CatalogRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var fixedFields = new DataField[]
        {
            new DataField<long>("id"), new DataField<string>("project"), new DataField<long?>("sweepId"), new DataField<int?>("trialNumber"),
            new DataField<string>("name", true), new DataField<string>("status"), new DataField<DateTime>("createdAt"),
            new DataField<DateTime?>("startedAt"), new DataField<DateTime?>("endedAt"), new DataField<double?>("durationSeconds"),
            new DataField<int>("attempt"), new DataField<int?>("exitCode"), new DataField<string>("dataset", true),
            new DataField<string>("codeVersion", true), new DataField<long?>("warmStartSweepId"), new DataField<long?>("warmStartRunId"),
            new DataField<string>("objectives", true), new DataField<string>("searchSpace", true), new DataField<bool?>("feasible"),
            new DataField<string>("artifacts", true),
        };
        var paramFields = columns.Params.Select(p => new DataField<string>("param." + p, true)).ToArray();
        var metricFields = columns.Metrics.Select(m => new DataField<double?>("metric." + m)).ToArray();
        var schema = new ParquetSchema([.. fixedFields, .. paramFields, .. metricFields]);
        var paramIndex = columns.Params.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);

        long count = 0;
        // The response body cannot seek: the writer only appends, and learns its position from the counting wrapper.
        await using var sink = new AppendOnlyStream(output);
        await using var writer = await ParquetWriter.CreateAsync(schema, sink, cancellationToken: cancellationToken);
        var batch = new List<CatalogRow>(RowGroupSize);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            batch.Add(row);
            count++;
            if (batch.Count == RowGroupSize)
            {
                await WriteGroupAsync(writer, fixedFields, paramFields, metricFields, paramIndex, columns, batch, cancellationToken);
                batch.Clear();
                await output.FlushAsync(cancellationToken);
            }
        }
        if (batch.Count > 0 || count == 0)
        {
            await WriteGroupAsync(writer, fixedFields, paramFields, metricFields, paramIndex, columns, batch, cancellationToken);
        }
        return count;
    }

    private static async Task WriteGroupAsync(
        ParquetWriter writer, DataField[] f, DataField[] paramFields, DataField[] metricFields, Dictionary<string, int> paramIndex,
        CatalogColumns columns, List<CatalogRow> rows, CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(f[0], (ReadOnlyMemory<long>)rows.Select(r => r.Id).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(f[1], rows.Select(r => (string?)r.Project).ToList(), null);
        await group.WriteAsync<long>(f[2], rows.Select(r => r.SweepId).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<int>(f[3], rows.Select(r => r.TrialNumber).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(f[4], rows.Select(r => r.Name).ToList(), null);
        await group.WriteAsync(f[5], rows.Select(r => (string?)r.Status).ToList(), null);
        await group.WriteAsync(f[6], (ReadOnlyMemory<DateTime>)rows.Select(r => r.CreatedAt.UtcDateTime).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<DateTime>(f[7], rows.Select(r => r.StartedAt?.UtcDateTime).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<DateTime>(f[8], rows.Select(r => r.EndedAt?.UtcDateTime).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<double>(f[9], rows.Select(r => r.DurationSeconds).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(f[10], (ReadOnlyMemory<int>)rows.Select(r => r.Attempt).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<int>(f[11], rows.Select(r => r.ExitCode).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(f[12], rows.Select(r => r.Dataset).ToList(), null);
        await group.WriteAsync(f[13], rows.Select(r => r.CodeVersion).ToList(), null);
        await group.WriteAsync<long>(f[14], rows.Select(r => r.WarmStartSweepId).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<long>(f[15], rows.Select(r => r.WarmStartRunId).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(f[16], rows.Select(r => r.Sweep?.ObjectivesText).ToList(), null);
        await group.WriteAsync(f[17], rows.Select(r => r.Sweep?.SpaceJson).ToList(), null);
        await group.WriteAsync<bool>(f[18], rows.Select(r => r.Feasible).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(f[19], rows.Select(r => r.Artifacts is { Count: > 0 } ? string.Join(' ', r.ArtifactLinks) : null).ToList(), null);

        var cells = new string?[columns.Params.Count][];
        for (var p = 0; p < cells.Length; p++)
        {
            cells[p] = new string?[rows.Count];
        }
        for (var r = 0; r < rows.Count; r++)
        {
            using var parameters = JsonDocument.Parse(rows[r].ParamsJson);
            if (parameters.RootElement.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var property in parameters.RootElement.EnumerateObject())
            {
                // A name missing from the columns appeared after the first pass (a run created meanwhile): left out.
                if (paramIndex.TryGetValue(property.Name, out var index))
                {
                    cells[index][r] = CatalogCells.Param(property.Value);
                }
            }
        }
        for (var p = 0; p < paramFields.Length; p++)
        {
            await group.WriteAsync(paramFields[p], cells[p], null);
        }
        for (var m = 0; m < metricFields.Length; m++)
        {
            var key = columns.Metrics[m];
            await group.WriteAsync<double>(metricFields[m],
                rows.Select(r => r.Metrics.TryGetValue(key, out var v) ? v : (double?)null).ToArray(), cancellationToken: cancellationToken);
        }
    }
}
