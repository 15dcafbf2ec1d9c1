using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Data.Services;

/// <summary>Each run's metric keys with count, last, min and max value, as ingest keeps them.</summary>
public sealed class MetricSummaries(SqliteConnectionFactory connections)
{
    /// <summary>The run's metric keys with count, last, min and max, by key.</summary>
    public async Task<IReadOnlyList<MetricSummary>> ListSummariesAsync(long runId, CancellationToken cancellationToken)
    {
        var all = await ListSummariesAsync([runId], cancellationToken);
        return all.TryGetValue(runId, out var list) ? list : [];
    }

    /// <summary>The metric summaries of many runs in one query (run tables, sweep results).</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<MetricSummary>>> ListSummariesAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var result = new Dictionary<long, IReadOnlyList<MetricSummary>>();
        if (runIds.Count == 0)
        {
            return result;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT run_id, "key", count, last_step, last_value, min_value, max_value, updated_at
            FROM metric_summaries WHERE run_id IN (SELECT value FROM json_each($runs)) ORDER BY run_id, "key"
            """;
        command.Parameters.AddWithValue("$runs", "[" + string.Join(",", runIds) + "]");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var runId = reader.GetInt64(0);
            if (!result.TryGetValue(runId, out var list))
            {
                list = new List<MetricSummary>();
                result[runId] = list;
            }
            ((List<MetricSummary>)list).Add(new MetricSummary
            {
                RunId = runId,
                Key = reader.GetString(1),
                Count = reader.GetInt64(2),
                LastStep = reader.GetInt64(3),
                LastValue = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                MinValue = reader.IsDBNull(5) ? null : reader.GetDouble(5),
                MaxValue = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            });
        }
        return result;
    }
}
