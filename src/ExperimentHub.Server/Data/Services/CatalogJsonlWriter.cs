using System.Buffers;
using System.Text.Json;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// The catalog as JSON Lines: one object per run, with <c>params</c> as the run's own JSON object and <c>metrics</c>
/// as numbers (NaN and infinities as the strings "NaN", "Infinity", "-Infinity"), then provenance (<c>dataset</c>,
/// <c>codeVersion</c>, <c>warmStart</c>), the sweep's <c>objectives</c> and <c>searchSpace</c>, <c>feasible</c> and
/// <c>artifacts</c> (download paths). Written through a buffer that goes out whenever it passes <see cref="FlushBytes"/>.
/// </summary>
public static class CatalogJsonlWriter
{
    public const int FlushBytes = 64 * 1024;

    public static async Task<long> WriteAsync(Stream output, IAsyncEnumerable<CatalogRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        await using var json = new Utf8JsonWriter(buffer);
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            WriteRow(json, row);
            json.Flush();
            buffer.Write("\n"u8);
            // One root value per writer: Reset lets the next line start a new one.
            json.Reset(buffer);
            count++;
            if (buffer.WrittenCount >= FlushBytes)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                await output.FlushAsync(cancellationToken);
                buffer.ResetWrittenCount();
            }
        }
        if (buffer.WrittenCount > 0)
        {
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static void WriteRow(Utf8JsonWriter json, CatalogRow row)
    {
        json.WriteStartObject();
        json.WriteNumber("id", row.Id);
        json.WriteString("project", row.Project);
        WriteNullable(json, "sweepId", row.SweepId);
        WriteNullable(json, "trialNumber", row.TrialNumber);
        json.WriteString("name", row.Name);
        json.WriteString("status", row.Status);
        json.WriteString("createdAt", CatalogCells.Time(row.CreatedAt));
        json.WriteString("startedAt", CatalogCells.Time(row.StartedAt));
        json.WriteString("endedAt", CatalogCells.Time(row.EndedAt));
        if (row.DurationSeconds is { } seconds)
        {
            json.WriteNumber("durationSeconds", seconds);
        }
        else
        {
            json.WriteNull("durationSeconds");
        }
        json.WriteNumber("attempt", row.Attempt);
        WriteNullable(json, "exitCode", row.ExitCode);
        json.WritePropertyName("params");
        json.WriteRawValue(row.ParamsJson);
        json.WriteStartObject("metrics");
        foreach (var (key, value) in row.Metrics)
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(key, value);
            }
            else
            {
                json.WriteString(key, CatalogCells.Number(value));
            }
        }
        json.WriteEndObject();
        json.WriteString("dataset", row.Dataset);
        json.WriteString("codeVersion", row.CodeVersion);
        if (row.WarmStartRunId is { } sourceRun)
        {
            json.WriteStartObject("warmStart");
            WriteNullable(json, "sweepId", row.WarmStartSweepId);
            json.WriteNumber("runId", sourceRun);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("warmStart");
        }
        if (row.Sweep is { } sweep)
        {
            json.WriteStartArray("objectives");
            foreach (var o in sweep.Objectives)
            {
                json.WriteStartObject();
                json.WriteString("metric", o.Metric);
                json.WriteString("goal", CatalogSweep.GoalName(o.Goal));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WritePropertyName("searchSpace");
            json.WriteRawValue(sweep.SpaceJson);
        }
        else
        {
            json.WriteNull("objectives");
            json.WriteNull("searchSpace");
        }
        if (row.Feasible is { } feasible)
        {
            json.WriteBoolean("feasible", feasible);
        }
        else
        {
            json.WriteNull("feasible");
        }
        json.WriteStartArray("artifacts");
        foreach (var link in row.ArtifactLinks)
        {
            json.WriteStringValue(link);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
