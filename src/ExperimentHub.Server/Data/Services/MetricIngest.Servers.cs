using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// Ingest on PostgreSQL and SQL Server: provider-neutral EF (LINQ, ExecuteUpdate, tracked summary and block rows),
/// with PostgreSQL's binary COPY for the new points. Concurrent batches of one run queue on the run's row lock
/// (taken first, held to commit), since summaries and blocks are read, merged here and written back.
/// </summary>
public sealed partial class MetricIngest
{
    /// <summary>Writes the batch in one transaction; nothing when the run does not exist or has ended.</summary>
    private async Task<IngestResult> WriteOnServerAsync(long runId, IReadOnlyList<MetricPointInput> points, long nowMs, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // An UPDATE that changes nothing still takes the row lock: the run's batches, and its finish, queue here.
        if (await db.Runs.Where(r => r.Id == runId && RunLifecycle.Active.Contains(r.Status))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Attempt, r => r.Attempt), cancellationToken) == 0)
        {
            // A finished run's metrics are final: points after its end are refused, never stored.
            return await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken) ? RunEndedResult : new IngestResult(false, 0, 0);
        }

        int inserted = 0, replaced = 0;
        var fresh = new List<MetricPointInput>();
        var perKey = new Dictionary<string, KeyBatch>(StringComparer.Ordinal);
        var perBlock = new Dictionary<(string Key, long Block), BlockBatch>();
        var stored = await db.MetricSummaries.AsNoTracking().Where(m => m.RunId == runId).ToDictionaryAsync(m => m.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var group in GroupByKey(points))
        {
            var key = group[0].Key;
            // The last of two points at one step wins, as when they come in two batches.
            var latest = new Dictionary<long, MetricPointInput>();
            foreach (var p in group)
            {
                if (!latest.TryAdd(p.Step, p))
                {
                    latest[p.Step] = p;
                    replaced++;
                    Track(key, p, nowMs, isNew: false);
                }
            }
            var existing = new HashSet<long>();
            var lastStored = stored.TryGetValue(key, out var summary) ? summary.LastStep : long.MinValue;
            var (lo, hi) = (latest.Keys.Min(), latest.Keys.Max());
            if (lo <= lastStored)
            {
                existing.UnionWith(await db.MetricPoints.Where(p => p.RunId == runId && p.Key == key && p.Step >= lo && p.Step <= hi)
                    .Select(p => p.Step).ToListAsync(cancellationToken));
            }
            foreach (var p in latest.Values.OrderBy(p => p.Step))
            {
                var ts = p.Timestamp?.ToUnixTimeMilliseconds() ?? nowMs;
                if (existing.Contains(p.Step))
                {
                    double? value = double.IsNaN(p.Value) ? null : p.Value;
                    var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ts);
                    var step = p.Step;
                    await db.MetricPoints.Where(m => m.RunId == runId && m.Key == key && m.Step == step)
                        .ExecuteUpdateAsync(u => u.SetProperty(m => m.StoredValue, value).SetProperty(m => m.Timestamp, timestamp), cancellationToken);
                    replaced++;
                    Track(key, p, ts, isNew: false);
                }
                else
                {
                    fresh.Add(p);
                    inserted++;
                    Track(key, p, ts, isNew: true);
                }
            }
        }
        await InsertPointsAsync(db, runId, fresh, nowMs, cancellationToken);

        var now = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        foreach (var (key, batch) in perKey)
        {
            await MergeSummaryAsync(db, runId, key, batch, stored.GetValueOrDefault(key), now, cancellationToken);
        }
        foreach (var keyBlocks in perBlock.GroupBy(b => b.Key.Key, StringComparer.Ordinal))
        {
            await MergeBlocksAsync(db, runId, keyBlocks.Key, keyBlocks.ToDictionary(b => b.Key.Block, b => b.Value), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IngestResult(true, inserted, replaced);

        void Track(string key, MetricPointInput p, long ts, bool isNew)
        {
            var batch = perKey.TryGetValue(key, out var k) ? k : KeyBatch.Empty;
            if (isNew)
            {
                batch.Count++;
            }
            else
            {
                batch.Replaced = true;
            }
            batch.Add(p.Step, p.Value);
            perKey[key] = batch;
            var blockKey = (key, p.Step >> MetricBlock.Shift);
            var block = perBlock.TryGetValue(blockKey, out var b) ? b : BlockBatch.Empty;
            block.Add(p.Step, p.Value, ts, isNew);
            perBlock[blockKey] = block;
        }
    }

    /// <summary>New rows: PostgreSQL's binary COPY on the transaction's connection; SQL Server through EF's batched inserts.</summary>
    private async Task InsertPointsAsync(ExperimentHubDb db, long runId, List<MetricPointInput> fresh, long nowMs, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
        {
            return;
        }
        if (database.Provider == DatabaseProvider.Postgres && db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY metric_points (run_id, \"key\", step, value, \"timestamp\") FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var p in fresh)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(p.Key, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.Step, NpgsqlDbType.Bigint, cancellationToken);
                if (double.IsNaN(p.Value))
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await copy.WriteAsync(p.Value, NpgsqlDbType.Double, cancellationToken);
                }
                await copy.WriteAsync(p.Timestamp?.ToUnixTimeMilliseconds() ?? nowMs, NpgsqlDbType.Bigint, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
            return;
        }
        db.MetricPoints.AddRange(fresh.Select(p => new MetricPoint
        {
            RunId = runId,
            Key = p.Key,
            Step = p.Step,
            Value = p.Value,
            Timestamp = p.Timestamp ?? DateTimeOffset.FromUnixTimeMilliseconds(nowMs),
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task MergeSummaryAsync(ExperimentHubDb db, long runId, string key, KeyBatch batch, MetricSummary? stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var summary = stored ?? new MetricSummary { RunId = runId, Key = key, LastStep = long.MinValue };
        if (stored is null)
        {
            db.MetricSummaries.Add(summary);
        }
        else
        {
            db.MetricSummaries.Attach(summary);
        }
        if (batch.Replaced)
        {
            // A replaced point may have been the last or an extreme: recompute the key from its points.
            var points = db.MetricPoints.Where(p => p.RunId == runId && p.Key == key);
            summary.Count = await points.LongCountAsync(cancellationToken);
            summary.LastStep = await points.MaxAsync(p => p.Step, cancellationToken);
            summary.LastValue = await points.OrderByDescending(p => p.Step).Select(p => p.StoredValue).FirstAsync(cancellationToken);
            summary.MinValue = await points.MinAsync(p => p.StoredValue, cancellationToken);
            summary.MaxValue = await points.MaxAsync(p => p.StoredValue, cancellationToken);
        }
        else
        {
            summary.Count += batch.Count;
            if (batch.LastStep >= summary.LastStep)
            {
                summary.LastValue = double.IsNaN(batch.LastValue) ? null : batch.LastValue;
                summary.LastStep = batch.LastStep;
            }
            if (!double.IsNaN(batch.Min))
            {
                summary.MinValue = summary.MinValue is { } min ? Math.Min(min, batch.Min) : batch.Min;
                summary.MaxValue = summary.MaxValue is { } max ? Math.Max(max, batch.Max) : batch.Max;
            }
        }
        summary.UpdatedAt = now;
    }

    private static async Task MergeBlocksAsync(ExperimentHubDb db, long runId, string key, Dictionary<long, BlockBatch> batches, CancellationToken cancellationToken)
    {
        var (lo, hi) = (batches.Keys.Min(), batches.Keys.Max());
        var stored = await db.MetricBlocks.Where(b => b.RunId == runId && b.Key == key && b.Block >= lo && b.Block <= hi)
            .ToDictionaryAsync(b => b.Block, cancellationToken);
        foreach (var (number, batch) in batches)
        {
            if (!stored.TryGetValue(number, out var block))
            {
                block = new MetricBlock { RunId = runId, Key = key, Block = number };
                db.MetricBlocks.Add(block);
            }
            var aggregate = batch;
            if (batch.Replaced)
            {
                // A replaced point may have been an extreme: recompute the block from its points (new ones are already written).
                aggregate = BlockBatch.Empty;
                var (first, end) = (number << MetricBlock.Shift, (number + 1) << MetricBlock.Shift);
                await foreach (var p in db.MetricPoints.AsNoTracking().Where(p => p.RunId == runId && p.Key == key && p.Step >= first && p.Step < end)
                    .Select(p => new { p.Step, p.StoredValue, p.Timestamp }).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    aggregate.Add(p.Step, p.StoredValue ?? double.NaN, p.Timestamp.ToUnixTimeMilliseconds(), isNew: true);
                }
                block.Count = 0;
                block.MinValue = block.MaxValue = null;
                block.MinStep = block.MaxStep = block.NanStep = null;
                block.MinTimestamp = block.MaxTimestamp = block.NanTimestamp = null;
            }
            block.Count += aggregate.Count;
            if (!double.IsNaN(aggregate.Min))
            {
                if (block.MinValue is not { } min || aggregate.Min < min)
                {
                    (block.MinValue, block.MinStep, block.MinTimestamp) = (aggregate.Min, aggregate.MinStep, DateTimeOffset.FromUnixTimeMilliseconds(aggregate.MinTimestamp));
                }
                if (block.MaxValue is not { } max || aggregate.Max > max)
                {
                    (block.MaxValue, block.MaxStep, block.MaxTimestamp) = (aggregate.Max, aggregate.MaxStep, DateTimeOffset.FromUnixTimeMilliseconds(aggregate.MaxTimestamp));
                }
            }
            if (aggregate.NanStep != long.MaxValue && (block.NanStep is not { } nan || aggregate.NanStep < nan))
            {
                (block.NanStep, block.NanTimestamp) = (aggregate.NanStep, DateTimeOffset.FromUnixTimeMilliseconds(aggregate.NanTimestamp));
            }
        }
    }
}
