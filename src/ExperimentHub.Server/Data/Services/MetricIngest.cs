using System.Runtime.InteropServices;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// Metric points in, keeping each key's summary and its per-block extremes (<see cref="MetricBlock"/>) up to date in
/// the same transaction. On SQLite: raw prepared commands (EF change tracking costs ten times more per point), through
/// the store's one <see cref="WriteGate"/>. On the servers: the provider-neutral path of MetricIngest.Servers.cs
/// (PostgreSQL copies new points in with binary COPY).
/// </summary>
public sealed partial class MetricIngest(
    SqliteConnectionFactory connections,
    StoreDatabase database,
    IDbContextFactory<ExperimentHubDb> contexts,
    WriteGate gate,
    IExperimentEvents events,
    IEnumerable<IMetricSink> sinks,
    TimeProvider time,
    ILogger<MetricIngest> logger)
{
    public const int MaxKeyLength = 250;

    private const string InsertSql =
        "INSERT INTO metric_points (run_id, \"key\", step, value, timestamp) VALUES ($run, $key, $step, $value, $ts) ON CONFLICT DO NOTHING";

    private const string ReplaceSql =
        "UPDATE metric_points SET value = $value, timestamp = $ts WHERE run_id = $run AND \"key\" = $key AND step = $step";

    // Every SET expression sees the old row, so last_value is chosen against the old last_step.
    private const string SummarySql = """
        INSERT INTO metric_summaries (run_id, "key", count, last_step, last_value, min_value, max_value, updated_at)
        VALUES ($run, $key, $count, $last_step, $last_value, $min, $max, $ts)
        ON CONFLICT (run_id, "key") DO UPDATE SET
            count = count + excluded.count,
            last_value = CASE WHEN excluded.last_step >= last_step THEN excluded.last_value ELSE last_value END,
            last_step = max(last_step, excluded.last_step),
            min_value = CASE WHEN min_value IS NULL THEN excluded.min_value WHEN excluded.min_value IS NULL THEN min_value ELSE min(min_value, excluded.min_value) END,
            max_value = CASE WHEN max_value IS NULL THEN excluded.max_value WHEN excluded.max_value IS NULL THEN max_value ELSE max(max_value, excluded.max_value) END,
            updated_at = excluded.updated_at
        """;

    // After a replacement the incremental figures may be stale: recompute the key's summary from its points.
    private const string RecomputeSql = """
        INSERT INTO metric_summaries (run_id, "key", count, last_step, last_value, min_value, max_value, updated_at)
        SELECT $run, $key, count(*), max(step),
               (SELECT value FROM metric_points WHERE run_id = $run AND "key" = $key ORDER BY step DESC LIMIT 1),
               min(value), max(value), $ts
        FROM metric_points WHERE run_id = $run AND "key" = $key
        ON CONFLICT (run_id, "key") DO UPDATE SET
            count = excluded.count, last_step = excluded.last_step, last_value = excluded.last_value,
            min_value = excluded.min_value, max_value = excluded.max_value, updated_at = excluded.updated_at
        """;

    // A block's extremes move only when the batch beats them; every SET expression sees the old row.
    private const string BlockSql = """
        INSERT INTO metric_blocks (run_id, "key", block, count, min_step, min_value, min_timestamp, max_step, max_value, max_timestamp, nan_step, nan_timestamp)
        VALUES ($run, $key, $block, $count, $min_step, $min_value, $min_ts, $max_step, $max_value, $max_ts, $nan_step, $nan_ts)
        ON CONFLICT (run_id, "key", block) DO UPDATE SET
            count = count + excluded.count,
            min_step = CASE WHEN excluded.min_value IS NOT NULL AND (min_value IS NULL OR excluded.min_value < min_value) THEN excluded.min_step ELSE min_step END,
            min_timestamp = CASE WHEN excluded.min_value IS NOT NULL AND (min_value IS NULL OR excluded.min_value < min_value) THEN excluded.min_timestamp ELSE min_timestamp END,
            min_value = CASE WHEN excluded.min_value IS NOT NULL AND (min_value IS NULL OR excluded.min_value < min_value) THEN excluded.min_value ELSE min_value END,
            max_step = CASE WHEN excluded.max_value IS NOT NULL AND (max_value IS NULL OR excluded.max_value > max_value) THEN excluded.max_step ELSE max_step END,
            max_timestamp = CASE WHEN excluded.max_value IS NOT NULL AND (max_value IS NULL OR excluded.max_value > max_value) THEN excluded.max_timestamp ELSE max_timestamp END,
            max_value = CASE WHEN excluded.max_value IS NOT NULL AND (max_value IS NULL OR excluded.max_value > max_value) THEN excluded.max_value ELSE max_value END,
            nan_timestamp = CASE WHEN excluded.nan_step IS NOT NULL AND (nan_step IS NULL OR excluded.nan_step < nan_step) THEN excluded.nan_timestamp ELSE nan_timestamp END,
            nan_step = CASE WHEN excluded.nan_step IS NOT NULL AND (nan_step IS NULL OR excluded.nan_step < nan_step) THEN excluded.nan_step ELSE nan_step END
        """;

    private const string ReplaceBlockSql = """
        INSERT OR REPLACE INTO metric_blocks (run_id, "key", block, count, min_step, min_value, min_timestamp, max_step, max_value, max_timestamp, nan_step, nan_timestamp)
        VALUES ($run, $key, $block, $count, $min_step, $min_value, $min_ts, $max_step, $max_value, $max_ts, $nan_step, $nan_ts)
        """;

    private static readonly IngestResult RunEndedResult = new(true, 0, 0) { RunEnded = true };

    private readonly IMetricSink[] _sinks = sinks.ToArray();

    /// <summary>
    /// Stores a batch in one transaction: all of it or none. A (key, step) already stored is replaced, so re-posting
    /// a batch is harmless. The caller validates keys and steps (see the metrics API).
    /// </summary>
    public async Task<IngestResult> IngestAsync(long runId, IReadOnlyList<MetricPointInput> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var perKey = new Dictionary<string, KeyBatch>(StringComparer.Ordinal);
        var perBlock = new Dictionary<(string Key, long Block), BlockBatch>();
        int inserted = 0, replaced = 0;

        if (database.Provider != DatabaseProvider.Sqlite)
        {
            var written = await WriteOnServerAsync(runId, points, nowMs, cancellationToken);
            if (written is not { RunFound: true, RunEnded: false })
            {
                return written;
            }
            (inserted, replaced) = (written.Inserted, written.Replaced);
        }
        else
        {
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var connection = await connections.OpenAsync(cancellationToken);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                switch (await RunIsActiveAsync(connection, transaction, runId, cancellationToken))
                {
                    case null:
                        return new IngestResult(false, 0, 0);
                    case false:
                        // A finished run's metrics are final: points after its end are refused, never stored.
                        return RunEndedResult;
                }

                await using var insert = Command(connection, transaction, InsertSql, "$run", "$key", "$step", "$value", "$ts");
                await using var replace = Command(connection, transaction, ReplaceSql, "$run", "$key", "$step", "$value", "$ts");
                await using var lastStep = Command(connection, transaction, "SELECT last_step FROM metric_summaries WHERE run_id = $run AND \"key\" = $key", "$run", "$key");
                insert.Parameters[0].Value = runId;
                replace.Parameters[0].Value = runId;
                lastStep.Parameters[0].Value = runId;
                var appends = new Dictionary<int, SqliteCommand>();
                try
                {
                    foreach (var group in GroupByKey(points))
                    {
                        var key = group[0].Key;
                        lastStep.Parameters[1].Value = key;
                        var last = lastStep.ExecuteScalar() is long l ? l : long.MinValue;
                        if (IsAppend(group, last) && AppendRows(connection, transaction, appends, runId, group, nowMs))
                        {
                            // The common case: steps past the stored ones, in order; all new rows.
                            foreach (var p in group)
                            {
                                Track(p, p.Timestamp?.ToUnixTimeMilliseconds() ?? nowMs, isNew: true);
                            }
                            inserted += group.Count;
                            continue;
                        }
                        foreach (var p in group)
                        {
                            var value = double.IsNaN(p.Value) ? (object)DBNull.Value : p.Value;
                            var ts = p.Timestamp?.ToUnixTimeMilliseconds() ?? nowMs;
                            insert.Parameters[1].Value = p.Key;
                            insert.Parameters[2].Value = p.Step;
                            insert.Parameters[3].Value = value;
                            insert.Parameters[4].Value = ts;
                            var isNew = insert.ExecuteNonQuery() == 1;
                            if (isNew)
                            {
                                inserted++;
                            }
                            else
                            {
                                replace.Parameters[1].Value = p.Key;
                                replace.Parameters[2].Value = p.Step;
                                replace.Parameters[3].Value = value;
                                replace.Parameters[4].Value = ts;
                                replace.ExecuteNonQuery();
                                replaced++;
                            }
                            Track(p, ts, isNew);
                        }
                    }
                }
                finally
                {
                    foreach (var command in appends.Values)
                    {
                        await command.DisposeAsync();
                    }
                }

                void Track(MetricPointInput p, long ts, bool isNew)
                {
                    ref var batch = ref CollectionsMarshal.GetValueRefOrAddDefault(perKey, p.Key, out var existed);
                    if (!existed)
                    {
                        batch = KeyBatch.Empty;
                    }
                    if (isNew)
                    {
                        batch.Count++;
                    }
                    else
                    {
                        batch.Replaced = true;
                    }
                    batch.Add(p.Step, p.Value);
                    ref var block = ref CollectionsMarshal.GetValueRefOrAddDefault(perBlock, (p.Key, p.Step >> MetricBlock.Shift), out var blockExisted);
                    if (!blockExisted)
                    {
                        block = BlockBatch.Empty;
                    }
                    block.Add(p.Step, p.Value, ts, isNew);
                }


                await using var summary = Command(connection, transaction, SummarySql, "$run", "$key", "$count", "$last_step", "$last_value", "$min", "$max", "$ts");
                await using var recompute = Command(connection, transaction, RecomputeSql, "$run", "$key", "$ts");
                summary.Parameters[0].Value = runId;
                summary.Parameters[7].Value = nowMs;
                recompute.Parameters[0].Value = runId;
                recompute.Parameters[2].Value = nowMs;
                foreach (var (key, batch) in perKey)
                {
                    if (batch.Replaced)
                    {
                        recompute.Parameters[1].Value = key;
                        recompute.ExecuteNonQuery();
                        continue;
                    }
                    summary.Parameters[1].Value = key;
                    summary.Parameters[2].Value = batch.Count;
                    summary.Parameters[3].Value = batch.LastStep;
                    summary.Parameters[4].Value = Nullable(batch.LastValue);
                    summary.Parameters[5].Value = Nullable(batch.Min);
                    summary.Parameters[6].Value = Nullable(batch.Max);
                    summary.ExecuteNonQuery();
                }
                await WriteBlocksAsync(connection, transaction, runId, perBlock, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        events.Publish(ExperimentTopic.Run(runId));
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.OnMetricsWrittenAsync(runId, points, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Metric sink {Sink} failed for run {RunId}", sink.GetType().Name, runId);
            }
        }
        return new IngestResult(true, inserted, replaced);
    }

    private static async Task WriteBlocksAsync(
        SqliteConnection connection, SqliteTransaction transaction, long runId, Dictionary<(string Key, long Block), BlockBatch> blocks, CancellationToken cancellationToken)
    {
        string[] names = ["$run", "$key", "$block", "$count", "$min_step", "$min_value", "$min_ts", "$max_step", "$max_value", "$max_ts", "$nan_step", "$nan_ts"];
        await using var merge = Command(connection, transaction, BlockSql, names);
        SqliteCommand? replace = null;
        SqliteCommand? scan = null;
        try
        {
            foreach (var ((key, block), batch) in blocks)
            {
                var aggregate = batch;
                var command = merge;
                if (batch.Replaced)
                {
                    // A replaced point may have been an extreme: recompute the block from its points.
                    scan ??= Command(connection, transaction,
                        "SELECT step, value, timestamp FROM metric_points WHERE run_id = $run AND \"key\" = $key AND step >= $lo AND step < $hi", "$run", "$key", "$lo", "$hi");
                    scan.Parameters[0].Value = runId;
                    scan.Parameters[1].Value = key;
                    scan.Parameters[2].Value = block << MetricBlock.Shift;
                    scan.Parameters[3].Value = (block + 1) << MetricBlock.Shift;
                    aggregate = BlockBatch.Empty;
                    await using (var reader = await scan.ExecuteReaderAsync(cancellationToken))
                    {
                        while (reader.Read())
                        {
                            aggregate.Add(reader.GetInt64(0), reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1), reader.GetInt64(2), isNew: true);
                        }
                    }
                    replace ??= Command(connection, transaction, ReplaceBlockSql, names);
                    command = replace;
                }
                var p = command.Parameters;
                p[0].Value = runId;
                p[1].Value = key;
                p[2].Value = block;
                p[3].Value = aggregate.Count;
                var hasValue = !double.IsNaN(aggregate.Min);
                p[4].Value = hasValue ? aggregate.MinStep : DBNull.Value;
                p[5].Value = hasValue ? aggregate.Min : DBNull.Value;
                p[6].Value = hasValue ? aggregate.MinTimestamp : DBNull.Value;
                p[7].Value = hasValue ? aggregate.MaxStep : DBNull.Value;
                p[8].Value = hasValue ? aggregate.Max : DBNull.Value;
                p[9].Value = hasValue ? aggregate.MaxTimestamp : DBNull.Value;
                var hasNaN = aggregate.NanStep != long.MaxValue;
                p[10].Value = hasNaN ? aggregate.NanStep : DBNull.Value;
                p[11].Value = hasNaN ? aggregate.NanTimestamp : DBNull.Value;
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            if (replace is not null)
            {
                await replace.DisposeAsync();
            }
            if (scan is not null)
            {
                await scan.DisposeAsync();
            }
        }
    }

    /// <summary>The batch's points by key, in the order each key first appears.</summary>
    private static List<List<MetricPointInput>> GroupByKey(IReadOnlyList<MetricPointInput> points)
    {
        var groups = new List<List<MetricPointInput>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in points)
        {
            if (!index.TryGetValue(p.Key, out var i))
            {
                i = groups.Count;
                index[p.Key] = i;
                groups.Add([]);
            }
            groups[i].Add(p);
        }
        return groups;
    }

    /// <summary>Steps strictly increasing and all past the key's stored last step: nothing can collide.</summary>
    private static bool IsAppend(List<MetricPointInput> group, long lastStoredStep)
    {
        var previous = lastStoredStep;
        foreach (var p in group)
        {
            if (p.Step <= previous)
            {
                return false;
            }
            previous = p.Step;
        }
        return true;
    }

    /// <summary>
    /// Inserts a group of new rows with multi-row statements (run and key bound once per statement); false, with
    /// nothing written, when a row already exists after all (another writer), so the caller takes the per-row path.
    /// </summary>
    private static bool AppendRows(SqliteConnection connection, SqliteTransaction transaction, Dictionary<int, SqliteCommand> cache, long runId, List<MetricPointInput> group, long nowMs)
    {
        // Microsoft.Data.Sqlite looks parameters up by name on every execution (a linear search in SQLite), so
        // statements stay small: 16 rows cut the per-statement overhead 16-fold without making lookups costly.
        const int RowsPerStatement = 16;
        var written = 0;
        using var savepoint = connection.CreateCommand();
        savepoint.Transaction = transaction;
        savepoint.CommandText = "SAVEPOINT append_rows";
        savepoint.ExecuteNonQuery();
        for (var start = 0; start < group.Count; start += RowsPerStatement)
        {
            var rows = Math.Min(RowsPerStatement, group.Count - start);
            if (!cache.TryGetValue(rows, out var command))
            {
                var sql = new System.Text.StringBuilder("INSERT INTO metric_points (run_id, \"key\", step, value, timestamp) VALUES ");
                var names = new List<string> { "$run", "$key" };
                for (var i = 0; i < rows; i++)
                {
                    sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"($run, $key, $s{i}, $v{i}, $t{i})");
                    names.Add($"$s{i}");
                    names.Add($"$v{i}");
                    names.Add($"$t{i}");
                }
                sql.Append(" ON CONFLICT DO NOTHING");
                command = Command(connection, transaction, sql.ToString(), [.. names]);
                cache[rows] = command;
            }
            var parameters = command.Parameters;
            parameters[0].Value = runId;
            parameters[1].Value = group[start].Key;
            for (var i = 0; i < rows; i++)
            {
                var p = group[start + i];
                parameters[2 + (3 * i)].Value = p.Step;
                parameters[3 + (3 * i)].Value = double.IsNaN(p.Value) ? DBNull.Value : p.Value;
                parameters[4 + (3 * i)].Value = p.Timestamp?.ToUnixTimeMilliseconds() ?? nowMs;
            }
            written += command.ExecuteNonQuery();
        }
        savepoint.CommandText = written == group.Count ? "RELEASE append_rows" : "ROLLBACK TO append_rows; RELEASE append_rows";
        savepoint.ExecuteNonQuery();
        return written == group.Count;
    }

    private static object Nullable(double value) => double.IsNaN(value) ? DBNull.Value : value;

    /// <summary>Null when there is no such run; false when it has ended.</summary>
    private static async Task<bool?> RunIsActiveAsync(SqliteConnection connection, SqliteTransaction transaction, long runId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {RunLifecycle.SqlIn(RunLifecycle.Active)} FROM runs WHERE id = $run";
        command.Parameters.AddWithValue("$run", runId);
        return await command.ExecuteScalarAsync(cancellationToken) is long active ? active == 1 : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    /// <summary>What one batch holds for one key; NaN marks "none" for the extremes.</summary>
    private struct KeyBatch
    {
        public static KeyBatch Empty => new() { LastStep = long.MinValue, LastValue = double.NaN, Min = double.NaN, Max = double.NaN };

        public long Count;
        public bool Replaced;
        public long LastStep;
        public double LastValue;
        public double Min;
        public double Max;

        public void Add(long step, double value)
        {
            if (step >= LastStep)
            {
                LastStep = step;
                LastValue = value;
            }
            if (!double.IsNaN(value))
            {
                Min = double.IsNaN(Min) || value < Min ? value : Min;
                Max = double.IsNaN(Max) || value > Max ? value : Max;
            }
        }
    }

    /// <summary>One block's share of a batch (or all its points, when recomputed); NaN marks "no finite value".</summary>
    private struct BlockBatch
    {
        public static BlockBatch Empty => new() { Min = double.NaN, Max = double.NaN, NanStep = long.MaxValue };

        public long Count;
        public bool Replaced;
        public double Min;
        public long MinStep;
        public long MinTimestamp;
        public double Max;
        public long MaxStep;
        public long MaxTimestamp;
        public long NanStep;
        public long NanTimestamp;

        public void Add(long step, double value, long timestamp, bool isNew)
        {
            if (isNew)
            {
                Count++;
            }
            else
            {
                Replaced = true;
            }
            if (double.IsNaN(value))
            {
                if (step < NanStep)
                {
                    NanStep = step;
                    NanTimestamp = timestamp;
                }
                return;
            }
            if (double.IsNaN(Min) || value < Min || (value == Min && step < MinStep))
            {
                Min = value;
                MinStep = step;
                MinTimestamp = timestamp;
            }
            if (double.IsNaN(Max) || value > Max || (value == Max && step < MaxStep))
            {
                Max = value;
                MaxStep = step;
                MaxTimestamp = timestamp;
            }
        }
    }
}
