using ExperimentHub.Server.Data.Entities;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Data.Services;

/// <summary>A metric's series, downsampled on the server from its points or, for long series, from metric_blocks.</summary>
public sealed class MetricSeriesReader(SqliteConnectionFactory connections)
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
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var stats = connection.CreateCommand();
        stats.CommandText = """
            SELECT count, (SELECT min(step) FROM metric_points WHERE run_id = $run AND "key" = $key),
                   (SELECT max(step) FROM metric_points WHERE run_id = $run AND "key" = $key)
            FROM metric_summaries WHERE run_id = $run AND "key" = $key
            """;
        stats.Parameters.AddWithValue("$run", runId);
        stats.Parameters.AddWithValue("$key", key);
        long total, minStep, maxStep;
        await using (var reader = await stats.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(1))
            {
                return null;
            }
            total = reader.GetInt64(0);
            minStep = reader.GetInt64(1);
            maxStep = reader.GetInt64(2);
        }

        var span = (double)(maxStep - minStep) + 1;
        var buckets = maxPoints / 2;
        var firstBlock = minStep >> MetricBlock.Shift;
        var blockCount = (maxStep >> MetricBlock.Shift) - firstBlock + 1;
        if (total > maxPoints && blockCount > buckets)
        {
            // Buckets of whole blocks: each bucket's extremes are exactly the extremes of its blocks.
            return await ReadBlocksAsync(connection, runId, key, total, firstBlock, (blockCount + buckets - 1) / buckets, maxPoints, cancellationToken);
        }

        // Short enough to scan: at most maxPoints/2 blocks of points.
        await using var scan = connection.CreateCommand();
        scan.CommandText = "SELECT step, value, timestamp FROM metric_points WHERE run_id = $run AND \"key\" = $key ORDER BY step";
        scan.Parameters.AddWithValue("$run", runId);
        scan.Parameters.AddWithValue("$key", key);
        await using var rows = await scan.ExecuteReaderAsync(cancellationToken);
        if (total <= maxPoints)
        {
            // Every point fits, however far apart their steps are.
            var all = new List<SeriesPoint>((int)Math.Min(total, maxPoints));
            while (rows.Read())
            {
                all.Add(new SeriesPoint(rows.GetInt64(0), rows.IsDBNull(1) ? double.NaN : rows.GetDouble(1), DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(2))));
            }
            return new MetricSeries(key, all.Count, false, all);
        }

        var scale = buckets / span;
        var output = new List<SeriesPoint>(maxPoints);
        var bucket = new Bucket();
        long current = -1;
        while (rows.Read())
        {
            var step = rows.GetInt64(0);
            var b = Math.Min((long)((step - minStep) * scale), buckets - 1);
            if (b != current)
            {
                bucket.Flush(output);
                bucket = new Bucket();
                current = b;
            }
            if (rows.IsDBNull(1))
            {
                if (!bucket.HasNaN)
                {
                    bucket.HasNaN = true;
                    bucket.NaN = new SeriesPoint(step, double.NaN, DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(2)));
                }
                continue;
            }
            var value = rows.GetDouble(1);
            // The timestamp column is read only for rows that become an extreme.
            if (!bucket.HasValue || value < bucket.Min.Value)
            {
                bucket.Min = new SeriesPoint(step, value, DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(2)));
            }
            if (!bucket.HasValue || value > bucket.Max.Value)
            {
                bucket.Max = new SeriesPoint(step, value, DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(2)));
            }
            bucket.HasValue = true;
        }
        bucket.Flush(output);
        return new MetricSeries(key, total, true, output);
    }

    private static async Task<MetricSeries> ReadBlocksAsync(
        SqliteConnection connection, long runId, string key, long total, long firstBlock, long blocksPerBucket, int maxPoints, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT block, min_step, min_value, min_timestamp, max_step, max_value, max_timestamp, nan_step, nan_timestamp
            FROM metric_blocks WHERE run_id = $run AND "key" = $key ORDER BY block
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", key);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var output = new List<SeriesPoint>(maxPoints);
        var bucket = new Bucket();
        long current = -1;
        while (rows.Read())
        {
            var b = (rows.GetInt64(0) - firstBlock) / blocksPerBucket;
            if (b != current)
            {
                bucket.Flush(output);
                bucket = new Bucket();
                current = b;
            }
            if (!rows.IsDBNull(2))
            {
                var min = rows.GetDouble(2);
                if (!bucket.HasValue || min < bucket.Min.Value)
                {
                    bucket.Min = new SeriesPoint(rows.GetInt64(1), min, DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(3)));
                }
                var max = rows.GetDouble(5);
                if (!bucket.HasValue || max > bucket.Max.Value)
                {
                    bucket.Max = new SeriesPoint(rows.GetInt64(4), max, DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(6)));
                }
                bucket.HasValue = true;
            }
            if (!rows.IsDBNull(7) && !bucket.HasNaN)
            {
                bucket.HasNaN = true;
                bucket.NaN = new SeriesPoint(rows.GetInt64(7), double.NaN, DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(8)));
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
