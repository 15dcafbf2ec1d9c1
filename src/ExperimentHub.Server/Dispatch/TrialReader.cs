using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Dispatch;

/// <summary>Reads a sweep's trials (with merged metrics) and learning curves in two or three queries, for the coordinator, early stopping and the API.</summary>
public sealed class TrialReader(SqliteConnectionFactory connections)
{
    public async Task<IReadOnlyList<TrialSnapshot>> ReadAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var metrics = new Dictionary<long, Dictionary<string, double>>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT ms.run_id, ms."key", ms.last_value FROM metric_summaries ms
                JOIN runs r ON r.id = ms.run_id WHERE r.sweep_id = $sweep
                """;
            command.Parameters.AddWithValue("$sweep", sweepId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var runId = reader.GetInt64(0);
                if (!metrics.TryGetValue(runId, out var values))
                {
                    values = new Dictionary<string, double>(StringComparer.Ordinal);
                    metrics[runId] = values;
                }
                values[reader.GetString(1)] = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2);
            }
        }

        var trials = new List<TrialSnapshot>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, trial_number, status, params_json, summary_json, created_at, started_at, ended_at, attempt, error, exit_code, lease_agent_id
                FROM runs WHERE sweep_id = $sweep ORDER BY trial_number
                """;
            command.Parameters.AddWithValue("$sweep", sweepId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var runId = reader.GetInt64(0);
                var merged = metrics.TryGetValue(runId, out var m) ? m : new Dictionary<string, double>(StringComparer.Ordinal);
                var summary = reader.GetString(4);
                if (summary.Length > 2)
                {
                    foreach (var (key, value) in SummaryJson.Parse(summary))
                    {
                        merged[key] = value;
                    }
                }
                var paramsJson = reader.GetString(3);
                trials.Add(new TrialSnapshot(
                    runId,
                    reader.IsDBNull(1) ? 0 : reader.GetInt32(1),
                    EnumNames.Parse<RunStatus>(reader.GetString(2)),
                    ParameterJson.Read(paramsJson),
                    paramsJson,
                    merged,
                    Time(reader, 5)!.Value,
                    Time(reader, 6),
                    Time(reader, 7),
                    reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetInt32(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11)));
            }
        }
        return trials;
    }

    /// <summary>Every trial's values of <paramref name="metric"/> by step, in step order.</summary>
    public async Task<Dictionary<long, List<IntermediateValue>>> ReadCurvesAsync(long sweepId, string metric, CancellationToken cancellationToken)
    {
        var curves = new Dictionary<long, List<IntermediateValue>>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT mp.run_id, mp.step, mp.value FROM runs r
            JOIN metric_points mp ON mp.run_id = r.id AND mp."key" = $key
            WHERE r.sweep_id = $sweep ORDER BY mp.run_id, mp.step
            """;
        command.Parameters.AddWithValue("$sweep", sweepId);
        command.Parameters.AddWithValue("$key", metric);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var runId = reader.GetInt64(0);
            if (!curves.TryGetValue(runId, out var curve))
            {
                curve = [];
                curves[runId] = curve;
            }
            curve.Add(new IntermediateValue(reader.GetInt64(1), reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2)));
        }
        return curves;
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
