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
    public Task<IReadOnlyList<TrialSnapshot>> ReadAsync(long sweepId, CancellationToken cancellationToken) =>
        ReadAsync(sweepId, null, cancellationToken);

    /// <summary>The id, status and end of every trial of the sweep: cheap, for telling what changed since the last read.</summary>
    public async Task<List<(long RunId, string Status)>> ReadStatesAsync(long sweepId, CancellationToken cancellationToken)
    {
        var states = new List<(long, string)>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status FROM runs WHERE sweep_id = $sweep";
        command.Parameters.AddWithValue("$sweep", sweepId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return states;
    }

    /// <summary>The sweep's trials, or only those with the given run ids, in trial order.</summary>
    public async Task<IReadOnlyList<TrialSnapshot>> ReadAsync(long sweepId, IReadOnlyCollection<long>? onlyIds, CancellationToken cancellationToken)
    {
        if (onlyIds is { Count: 0 })
        {
            return [];
        }
        var filter = onlyIds is null ? "" : $" AND r.id IN ({string.Join(',', onlyIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var metrics = new Dictionary<long, Dictionary<string, double>>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT ms.run_id, ms."key", ms.last_value FROM metric_summaries ms
                JOIN runs r ON r.id = ms.run_id WHERE r.sweep_id = $sweep
                """ + filter;
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
                SELECT r.id, r.trial_number, r.status, r.params_json, r.summary_json, r.created_at, r.started_at, r.ended_at, r.attempt, r.error,
                       r.exit_code, r.lease_agent_id
                FROM runs r WHERE r.sweep_id = $sweep
                """ + filter + " ORDER BY r.trial_number";
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
