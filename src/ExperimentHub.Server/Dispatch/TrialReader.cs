using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// The one reader of a sweep's trials (with merged metrics) and learning curves, in two or three queries: the
/// coordinator, early stopping, the sweeps API and the dashboard's sweep page all read trials here.
/// </summary>
public sealed class TrialReader(SqliteConnectionFactory connections)
{
    public Task<IReadOnlyList<TrialSnapshot>> ReadAsync(long sweepId, CancellationToken cancellationToken) =>
        ReadAsync(sweepId, null, cancellationToken);

    /// <summary>
    /// The sweep's trials with only the named metrics (those a page draws: a sweep's objectives and constraints), so
    /// that trials logging dozens of metrics read only what is shown.
    /// </summary>
    public Task<IReadOnlyList<TrialSnapshot>> ReadWithMetricsAsync(long sweepId, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return ReadAsync(sweepId, null, metrics.ToHashSet(StringComparer.Ordinal), cancellationToken);
    }

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
    public Task<IReadOnlyList<TrialSnapshot>> ReadAsync(long sweepId, IReadOnlyCollection<long>? onlyIds, CancellationToken cancellationToken) =>
        ReadAsync(sweepId, onlyIds, null, cancellationToken);

    private async Task<IReadOnlyList<TrialSnapshot>> ReadAsync(
        long sweepId, IReadOnlyCollection<long>? onlyIds, HashSet<string>? onlyMetrics, CancellationToken cancellationToken)
    {
        if (onlyIds is { Count: 0 })
        {
            return [];
        }
        var filter = onlyIds is null ? "" : $" AND r.id IN ({string.Join(',', onlyIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        // A whole sweep's metrics are read on a second connection while its runs are read (SQLite's WAL lets readers
        // run side by side): on a big sweep each read takes tens of milliseconds. A few trials are read in line.
        var lastValues = onlyIds is null
            ? Task.Run(() => ReadLastValuesAsync(sweepId, filter, onlyMetrics, cancellationToken), cancellationToken)
            : ReadLastValuesAsync(sweepId, filter, onlyMetrics, cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var trials = new List<TrialSnapshot>();
        var rows = new List<(long RunId, int Number, RunStatus Status, string Params, string Summary, DateTimeOffset Created,
            DateTimeOffset? Started, DateTimeOffset? Ended, int Attempt, string? Error, int? ExitCode, string? Agent)>();
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
                rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt32(1), EnumNames.Parse<RunStatus>(reader.GetString(2)),
                    reader.GetString(3), reader.GetString(4), Time(reader, 5)!.Value, Time(reader, 6), Time(reader, 7), reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetInt32(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11)));
            }
        }
        var metrics = await lastValues;
        foreach (var row in rows)
        {
            var merged = metrics.TryGetValue(row.RunId, out var m) ? m : new Dictionary<string, double>(StringComparer.Ordinal);
            if (row.Summary.Length > 2)
            {
                foreach (var (key, value) in SummaryJson.Parse(row.Summary))
                {
                    if (onlyMetrics is null || onlyMetrics.Contains(key))
                    {
                        merged[key] = value;
                    }
                }
            }
            trials.Add(new TrialSnapshot(row.RunId, row.Number, row.Status, ParameterJson.Read(row.Params), row.Params, merged,
                row.Created, row.Started, row.Ended, row.Attempt, row.Error, row.ExitCode, row.Agent));
        }
        return trials;
    }

    /// <summary>Each trial's last value of every metric (or of <paramref name="onlyMetrics"/>), by run.</summary>
    private async Task<Dictionary<long, Dictionary<string, double>>> ReadLastValuesAsync(
        long sweepId, string runFilter, HashSet<string>? onlyMetrics, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<long, Dictionary<string, double>>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var keyFilter = "";
        if (onlyMetrics is not null)
        {
            // A handful of names, bound one parameter each.
            var names = onlyMetrics.Order(StringComparer.Ordinal).Select((key, i) => (Key: key, Name: $"$m{i}")).ToList();
            foreach (var (key, name) in names)
            {
                command.Parameters.AddWithValue(name, key);
            }
            keyFilter = names.Count == 0 ? " AND 0" : $" AND ms.\"key\" IN ({string.Join(", ", names.Select(n => n.Name))})";
        }
        command.CommandText = """
            SELECT ms.run_id, ms."key", ms.last_value FROM metric_summaries ms
            JOIN runs r ON r.id = ms.run_id WHERE r.sweep_id = $sweep
            """ + runFilter + keyFilter;
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
        return metrics;
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
