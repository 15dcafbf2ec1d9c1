using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// The run catalog, read with raw readers so that any number of runs streams in constant memory: one reader over the
/// runs in id order, merged with one over their metric summaries in the same order.
/// </summary>
public sealed class RunCatalog(SqliteConnectionFactory connections)
{
    /// <summary>The project owning sweep <paramref name="sweepId"/>, or null when there is no such sweep.</summary>
    public async Task<long?> FindSweepProjectAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT project_id FROM sweeps WHERE id = $sweep";
        command.Parameters.AddWithValue("$sweep", sweepId);
        return await command.ExecuteScalarAsync(cancellationToken) is long projectId ? projectId : null;
    }

    /// <summary>How many runs the catalog of <paramref name="filter"/> holds now.</summary>
    public async Task<long> CountAsync(CatalogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM runs r {Where(filter)}";
        Bind(command, filter);
        return await command.ExecuteScalarAsync(cancellationToken) is long count ? count : 0;
    }

    /// <summary>A first, cheap pass: the parameter names and metric keys that the CSV needs as columns.</summary>
    public async Task<CatalogColumns> ColumnsAsync(CatalogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var where = Where(filter);
        var parameters = await KeysAsync(connection, filter,
            $"SELECT DISTINCT j.key FROM runs r, json_each(r.params_json) j {where}", cancellationToken);
        // Metric keys: those with points, and those given only in a summary at finish.
        var metrics = await KeysAsync(connection, filter,
            $"""
            SELECT m.key FROM metric_summaries m JOIN runs r ON r.id = m.run_id {where}
            UNION
            SELECT j.key FROM runs r, json_each(r.summary_json) j {where}
            """, cancellationToken);
        return new CatalogColumns(parameters, metrics);
    }

    /// <summary>The runs in id order, read as they are consumed.</summary>
    public async IAsyncEnumerable<CatalogRow> ReadAsync(CatalogFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var where = Where(filter);

        await using var runCommand = connection.CreateCommand();
        runCommand.CommandText = $"""
            SELECT r.id, p.key, r.sweep_id, r.trial_number, r.name, r.status, r.created_at, r.started_at, r.ended_at,
                   r.attempt, r.exit_code, r.params_json, r.summary_json, r.dataset, r.code_version, r.warm_start_sweep_id,
                   r.warm_start_run_id, s.spec_text, s.spec_format
            FROM runs r JOIN projects p ON p.id = r.project_id LEFT JOIN sweeps s ON s.id = r.sweep_id
            {where}
            ORDER BY r.id
            """;
        Bind(runCommand, filter);

        await using var metricCommand = connection.CreateCommand();
        metricCommand.CommandText = filter.ProjectId is null && filter.SweepId is null
            ? "SELECT m.run_id, m.key, m.last_value FROM metric_summaries m ORDER BY m.run_id"
            : $"SELECT m.run_id, m.key, m.last_value FROM metric_summaries m JOIN runs r ON r.id = m.run_id {where} ORDER BY m.run_id";
        Bind(metricCommand, filter);

        await using var artifactCommand = connection.CreateCommand();
        artifactCommand.CommandText = filter.ProjectId is null && filter.SweepId is null
            ? "SELECT a.run_id, a.path FROM artifacts a ORDER BY a.run_id, a.path"
            : $"SELECT a.run_id, a.path FROM artifacts a JOIN runs r ON r.id = a.run_id {where} ORDER BY a.run_id, a.path";
        Bind(artifactCommand, filter);

        await using var runs = await runCommand.ExecuteReaderAsync(cancellationToken);
        await using var metrics = await metricCommand.ExecuteReaderAsync(cancellationToken);
        await using var artifacts = await artifactCommand.ExecuteReaderAsync(cancellationToken);
        var hasMetric = await metrics.ReadAsync(cancellationToken);
        var hasArtifact = await artifacts.ReadAsync(cancellationToken);
        // Each sweep's spec is parsed once, at its first run.
        var sweeps = new Dictionary<long, CatalogSweep?>();
        while (await runs.ReadAsync(cancellationToken))
        {
            var id = runs.GetInt64(0);
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            while (hasMetric && metrics.GetInt64(0) < id)
            {
                hasMetric = await metrics.ReadAsync(cancellationToken);
            }
            while (hasMetric && metrics.GetInt64(0) == id)
            {
                // A null last value is NaN (SQLite stores NaN as NULL).
                values[metrics.GetString(1)] = metrics.IsDBNull(2) ? double.NaN : metrics.GetDouble(2);
                hasMetric = await metrics.ReadAsync(cancellationToken);
            }
            List<string>? paths = null;
            while (hasArtifact && artifacts.GetInt64(0) < id)
            {
                hasArtifact = await artifacts.ReadAsync(cancellationToken);
            }
            while (hasArtifact && artifacts.GetInt64(0) == id)
            {
                (paths ??= []).Add(artifacts.GetString(1));
                hasArtifact = await artifacts.ReadAsync(cancellationToken);
            }
            CatalogSweep? sweep = null;
            if (!runs.IsDBNull(2) && !runs.IsDBNull(17))
            {
                var sweepId = runs.GetInt64(2);
                if (!sweeps.TryGetValue(sweepId, out sweep))
                {
                    sweep = CatalogSweep.FromStored(runs.GetString(17), runs.GetString(18));
                    sweeps[sweepId] = sweep;
                }
            }
            var summaryJson = runs.GetString(12);
            if (summaryJson.Length > 2)
            {
                foreach (var (key, value) in SummaryJson.Parse(summaryJson))
                {
                    values[key] = value;
                }
            }
            yield return new CatalogRow(
                id,
                runs.GetString(1),
                runs.IsDBNull(2) ? null : runs.GetInt64(2),
                runs.IsDBNull(3) ? null : runs.GetInt32(3),
                runs.IsDBNull(4) ? null : runs.GetString(4),
                runs.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(runs.GetInt64(6)),
                runs.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(runs.GetInt64(7)),
                runs.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(runs.GetInt64(8)),
                runs.GetInt32(9),
                runs.IsDBNull(10) ? null : runs.GetInt32(10),
                runs.GetString(11),
                values,
                runs.IsDBNull(13) ? null : runs.GetString(13),
                runs.IsDBNull(14) ? null : runs.GetString(14),
                runs.IsDBNull(15) ? null : runs.GetInt64(15),
                runs.IsDBNull(16) ? null : runs.GetInt64(16),
                sweep,
                paths);
        }
    }

    private static string Where(CatalogFilter filter) => (filter.ProjectId, filter.SweepId) switch
    {
        (null, null) => "",
        (not null, null) => "WHERE r.project_id = $project",
        (null, not null) => "WHERE r.sweep_id = $sweep",
        _ => "WHERE r.project_id = $project AND r.sweep_id = $sweep",
    };

    private static void Bind(SqliteCommand command, CatalogFilter filter)
    {
        if (filter.ProjectId is { } project)
        {
            command.Parameters.AddWithValue("$project", project);
        }
        if (filter.SweepId is { } sweep)
        {
            command.Parameters.AddWithValue("$sweep", sweep);
        }
    }

    private static async Task<List<string>> KeysAsync(SqliteConnection connection, CatalogFilter filter, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, filter);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
