using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Services;

/// <summary>A metric's series, downsampled on the server from its points or, for long series, from metric_blocks.</summary>
public sealed class MetricSeriesReader(IDbContextFactory<ExperimentHubDb> contexts)
{
    /// <summary>
    /// The series of <paramref name="key"/>, at most <paramref name="maxPoints"/> points: when there are more, the
    /// step range is cut into at most maxPoints/2 buckets and each keeps its minimum and maximum (in step order), so
    /// spikes and the envelope survive; a bucket holding only NaN keeps one NaN. Long series are bucketed from
    /// metric_blocks (whole blocks per bucket, so still exact), short ones from their points; rows stream in key
    /// order, so memory is bounded by the output.
    /// </summary>
    public async Task<MetricSeries?> ReadSeriesAsync(long runId, string key, int maxPoints, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.MetricSummaries.AsNoTracking().Where(m => m.RunId == runId && m.Key == key)
            .Select(m => (long?)m.Count).FirstOrDefaultAsync(cancellationToken);
        if (total is null)
        {
            return null;
        }
        var points = db.MetricPoints.AsNoTracking().Where(p => p.RunId == runId && p.Key == key);
        // Each end of the series is one probe of the primary key.
        if (await points.MinAsync(p => (long?)p.Step, cancellationToken) is not { } minStep
            || await points.MaxAsync(p => (long?)p.Step, cancellationToken) is not { } maxStep)
        {
            return null;
        }

        var span = (double)(maxStep - minStep) + 1;
        var buckets = maxPoints / 2;
        var firstBlock = minStep >> MetricBlock.Shift;
        var blockCount = (maxStep >> MetricBlock.Shift) - firstBlock + 1;
        if (total > maxPoints && blockCount > buckets)
        {
            // Buckets of whole blocks: each bucket's extremes are exactly the extremes of its blocks.
            return await ReadBlocksAsync(db, runId, key, total.Value, firstBlock, (blockCount + buckets - 1) / buckets, maxPoints, cancellationToken);
        }

        // Short enough to scan: at most maxPoints/2 blocks of points.
        var rows = points.OrderBy(p => p.Step).Select(p => new { p.Step, p.StoredValue, p.Timestamp }).AsAsyncEnumerable().WithCancellation(cancellationToken);
        if (total <= maxPoints)
        {
            // Every point fits, however far apart their steps are.
            var all = new List<SeriesPoint>((int)Math.Min(total.Value, maxPoints));
            await foreach (var row in rows)
            {
                all.Add(new SeriesPoint(row.Step, row.StoredValue ?? double.NaN, row.Timestamp));
            }
            return new MetricSeries(key, all.Count, false, all);
        }

        var scale = buckets / span;
        var output = new List<SeriesPoint>(maxPoints);
        var bucket = new Bucket();
        long current = -1;
        await foreach (var row in rows)
        {
            var step = row.Step;
            var b = Math.Min((long)((step - minStep) * scale), buckets - 1);
            if (b != current)
            {
                bucket.Flush(output);
                bucket = new Bucket();
                current = b;
            }
            if (row.StoredValue is not { } value)
            {
                if (!bucket.HasNaN)
                {
                    bucket.HasNaN = true;
                    bucket.NaN = new SeriesPoint(step, double.NaN, row.Timestamp);
                }
                continue;
            }
            if (!bucket.HasValue || value < bucket.Min.Value)
            {
                bucket.Min = new SeriesPoint(step, value, row.Timestamp);
            }
            if (!bucket.HasValue || value > bucket.Max.Value)
            {
                bucket.Max = new SeriesPoint(step, value, row.Timestamp);
            }
            bucket.HasValue = true;
        }
        bucket.Flush(output);
        return new MetricSeries(key, total.Value, true, output);
    }

    private static async Task<MetricSeries> ReadBlocksAsync(
        ExperimentHubDb db, long runId, string key, long total, long firstBlock, long blocksPerBucket, int maxPoints, CancellationToken cancellationToken)
    {
        var rows = db.MetricBlocks.AsNoTracking().Where(m => m.RunId == runId && m.Key == key).OrderBy(m => m.Block).AsAsyncEnumerable();
        var output = new List<SeriesPoint>(maxPoints);
        var bucket = new Bucket();
        long current = -1;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var b = (row.Block - firstBlock) / blocksPerBucket;
            if (b != current)
            {
                bucket.Flush(output);
                bucket = new Bucket();
                current = b;
            }
            if (row.MinValue is { } min && row.MaxValue is { } max)
            {
                if (!bucket.HasValue || min < bucket.Min.Value)
                {
                    bucket.Min = new SeriesPoint(row.MinStep!.Value, min, row.MinTimestamp!.Value);
                }
                if (!bucket.HasValue || max > bucket.Max.Value)
                {
                    bucket.Max = new SeriesPoint(row.MaxStep!.Value, max, row.MaxTimestamp!.Value);
                }
                bucket.HasValue = true;
            }
            if (row.NanStep is { } nanStep && !bucket.HasNaN)
            {
                bucket.HasNaN = true;
                bucket.NaN = new SeriesPoint(nanStep, double.NaN, row.NanTimestamp!.Value);
            }
        }
        bucket.Flush(output);
        return new MetricSeries(key, total, true, output);
    }

    private struct Bucket
    {
        public bool HasValue;
        public bool HasNaN;
        public SeriesPoint Min;
        public SeriesPoint Max;
        public SeriesPoint NaN;

        public readonly void Flush(List<SeriesPoint> output)
        {
            if (HasValue)
            {
                if (Min.Step == Max.Step)
                {
                    output.Add(Min);
                }
                else if (Min.Step < Max.Step)
                {
                    output.Add(Min);
                    output.Add(Max);
                }
                else
                {
                    output.Add(Max);
                    output.Add(Min);
                }
            }
            else if (HasNaN)
            {
                output.Add(NaN);
            }
        }
    }
}
