using Microsoft.Data.Sqlite;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Prepared inserts of one run's series as the ingest path (MetricIngest) leaves it: the points, the key's summary
/// (count, last step and value, extremes) and one row per 128-step block with its extremes. Values are finite here,
/// so no block has a NaN step.
/// </summary>
internal sealed class UiMetricWriter : IAsyncDisposable
{
    private const int BlockShift = 7;
    private readonly SqliteCommand _point;
    private readonly SqliteCommand _summary;
    private readonly SqliteCommand _block;

    public UiMetricWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _point = Create(connection, transaction,
            "INSERT INTO metric_points (run_id, \"key\", step, value, timestamp) VALUES ($run, $key, $step, $value, $ts)",
            "$run", "$key", "$step", "$value", "$ts");
        _summary = Create(connection, transaction, """
            INSERT INTO metric_summaries (run_id, "key", count, last_step, last_value, min_value, max_value, updated_at)
            VALUES ($run, $key, $count, $last_step, $last_value, $min, $max, $ts)
            """, "$run", "$key", "$count", "$last_step", "$last_value", "$min", "$max", "$ts");
        _block = Create(connection, transaction, """
            INSERT INTO metric_blocks (run_id, "key", block, count, min_step, min_value, min_timestamp, max_step, max_value, max_timestamp, nan_step, nan_timestamp)
            VALUES ($run, $key, $block, $count, $min_step, $min_value, $min_ts, $max_step, $max_value, $max_ts, NULL, NULL)
            """, "$run", "$key", "$block", "$count", "$min_step", "$min_value", "$min_ts", "$max_step", "$max_value", "$max_ts");
    }

    /// <summary>Writes <paramref name="values"/> at consecutive steps from <paramref name="firstStep"/>; returns the point count.</summary>
    public async Task<int> WriteAsync(long runId, string key, long firstStep, IReadOnlyList<double> values, IReadOnlyList<long> timestamps, CancellationToken cancellationToken)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Set(_point, runId, key, firstStep + i, values[i], timestamps[i]);
            await _point.ExecuteNonQueryAsync(cancellationToken);
        }

        var last = values.Count - 1;
        Set(_summary, runId, key, values.Count, firstStep + last, values[last], values.Min(), values.Max(), timestamps[last]);
        await _summary.ExecuteNonQueryAsync(cancellationToken);

        var indices = Enumerable.Range(0, values.Count).ToList();
        foreach (var block in indices.GroupBy(i => (firstStep + i) >> BlockShift))
        {
            // Ties go to the earliest step, as the ingest path keeps the first extreme it saw.
            var min = block.OrderBy(i => values[i]).ThenBy(i => i).First();
            var max = block.OrderByDescending(i => values[i]).ThenBy(i => i).First();
            Set(_block, runId, key, block.Key, block.Count(),
                firstStep + min, values[min], timestamps[min], firstStep + max, values[max], timestamps[max]);
            await _block.ExecuteNonQueryAsync(cancellationToken);
        }
        return values.Count;
    }

    private static SqliteCommand Create(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _point.DisposeAsync();
        await _summary.DisposeAsync();
        await _block.DisposeAsync();
    }
}
