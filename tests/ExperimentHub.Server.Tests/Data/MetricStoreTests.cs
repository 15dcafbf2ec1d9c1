using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Tests.Data;

public sealed class MetricStoreTests : IDisposable
{
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task NaN_and_infinities_round_trip_through_the_sqlite_file()
    {
        var run = await _store.NewRunAsync();
        await _store.Ingest.IngestAsync(run,
        [
            new("loss", 0, 1.5), new("loss", 1, double.NaN), new("loss", 2, double.PositiveInfinity),
            new("loss", 3, double.NegativeInfinity), new("loss", 4, -0.25),
        ], CancellationToken.None);

        // A new pool: the values come from the file, not from a cached connection.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var series = await _store.Series.ReadSeriesAsync(run, "loss", 100, CancellationToken.None);
        Assert.NotNull(series);
        Assert.Equal([1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.25], series.Points.Select(p => p.Value));

        await using var db = await _store.Contexts.CreateDbContextAsync();
        var viaEf = await db.MetricPoints.Where(p => p.RunId == run).OrderBy(p => p.Step).ToListAsync();
        Assert.Equal([1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.25], viaEf.Select(p => p.Value));

        var summary = Assert.Single(await _store.Summaries.ListSummariesAsync(run, CancellationToken.None));
        Assert.Equal(5, summary.Count);
        Assert.Equal(-0.25, summary.Last);
        Assert.Equal(double.NegativeInfinity, summary.MinValue);
        Assert.Equal(double.PositiveInfinity, summary.MaxValue);
    }

    [Fact]
    public async Task Reposting_a_batch_replaces_points_and_keeps_the_summary_exact()
    {
        var run = await _store.NewRunAsync();
        MetricPointInput[] batch = [new("acc", 0, 0.1), new("acc", 1, 0.9), new("acc", 2, 0.5)];
        var first = await _store.Ingest.IngestAsync(run, batch, CancellationToken.None);
        var again = await _store.Ingest.IngestAsync(run, batch, CancellationToken.None);
        Assert.Equal((3, 0), (first.Inserted, first.Replaced));
        Assert.Equal((0, 3), (again.Inserted, again.Replaced));

        // Replacing the maximum must lower the max, which an incremental summary could not know.
        await _store.Ingest.IngestAsync(run, [new("acc", 1, 0.3)], CancellationToken.None);
        var series = await _store.Series.ReadSeriesAsync(run, "acc", 100, CancellationToken.None);
        Assert.Equal([0.1, 0.3, 0.5], series!.Points.Select(p => p.Value));
        var summary = Assert.Single(await _store.Summaries.ListSummariesAsync(run, CancellationToken.None));
        Assert.Equal((3L, 2L, 0.5, 0.1, 0.5), (summary.Count, summary.LastStep, summary.Last, summary.MinValue!.Value, summary.MaxValue!.Value));
    }

    [Fact]
    public async Task Summary_last_value_follows_the_highest_step_not_the_latest_write()
    {
        var run = await _store.NewRunAsync();
        await _store.Ingest.IngestAsync(run, [new("x", 10, 7)], CancellationToken.None);
        await _store.Ingest.IngestAsync(run, [new("x", 3, 1), new("x", 4, double.NaN)], CancellationToken.None);
        var summary = Assert.Single(await _store.Summaries.ListSummariesAsync(run, CancellationToken.None));
        Assert.Equal((3L, 10L, 7.0, 1.0, 7.0), (summary.Count, summary.LastStep, summary.Last, summary.MinValue!.Value, summary.MaxValue!.Value));
    }

    [Theory]
    [InlineData(20_000, 200, 256)] // 157 blocks > 100 buckets: buckets of 2 whole blocks, read from metric_blocks
    [InlineData(5_000, 200, 50)]   // 40 blocks: the points themselves, in 100 buckets of 50 steps
    public async Task Downsampling_keeps_every_bucket_minimum_and_maximum(int count, int maxPoints, int bucketSteps)
    {
        var run = await _store.NewRunAsync();
        var points = Noisy(count);
        points[count * 5 / 8] = points[count * 5 / 8] with { Value = 50 };   // a spike
        points[count / 25] = points[count / 25] with { Value = -50 };        // a dip
        for (var i = 0; i < points.Count; i += 1000)
        {
            await _store.Ingest.IngestAsync(run, points.GetRange(i, 1000), CancellationToken.None);
        }

        var series = await _store.Series.ReadSeriesAsync(run, "loss", maxPoints, CancellationToken.None);
        Assert.NotNull(series);
        Assert.True(series.Downsampled);
        Assert.Equal(count, series.TotalPoints);
        Assert.InRange(series.Points.Count, maxPoints / 2, maxPoints);
        AssertKeepsExtremes(points, series, bucketSteps);
        Assert.Contains(series.Points, p => p.Step == count * 5 / 8 && p.Value == 50);
        Assert.Contains(series.Points, p => p.Step == count / 25 && p.Value == -50);
    }

    [Fact]
    public async Task Replacing_an_extreme_of_a_long_series_updates_its_block()
    {
        var run = await _store.NewRunAsync();
        var points = Noisy(20_000);
        points[9_000] = points[9_000] with { Value = 80 };
        for (var i = 0; i < points.Count; i += 1000)
        {
            await _store.Ingest.IngestAsync(run, points.GetRange(i, 1000), CancellationToken.None);
        }
        points[9_000] = points[9_000] with { Value = 0.5 };
        points[9_001] = points[9_001] with { Value = -70 };
        await _store.Ingest.IngestAsync(run, points.GetRange(9_000, 2), CancellationToken.None);

        var series = await _store.Series.ReadSeriesAsync(run, "loss", 200, CancellationToken.None);
        Assert.DoesNotContain(series!.Points, p => p.Value == 80);
        Assert.Contains(series.Points, p => p.Step == 9_001 && p.Value == -70);
        AssertKeepsExtremes(points, series, 256);
    }

    private static List<MetricPointInput> Noisy(int count)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(i => new MetricPointInput("loss", i, Math.Sin(i / 500.0) + random.NextDouble() * 0.1)).ToList();
    }

    /// <summary>Each bucket of <paramref name="bucketSteps"/> steps is served with exactly its own extremes, in step order.</summary>
    private static void AssertKeepsExtremes(List<MetricPointInput> points, MetricSeries series, int bucketSteps)
    {
        Assert.Equal(series.Points.OrderBy(p => p.Step).Select(p => p.Step), series.Points.Select(p => p.Step));
        foreach (var bucket in points.GroupBy(p => p.Step / bucketSteps))
        {
            var served = series.Points.Where(p => p.Step / bucketSteps == bucket.Key).Select(p => p.Value).ToList();
            Assert.Contains(bucket.Min(p => p.Value), served);
            Assert.Contains(bucket.Max(p => p.Value), served);
            Assert.All(served, v => Assert.InRange(v, bucket.Min(p => p.Value), bucket.Max(p => p.Value)));
        }
    }

    [Fact]
    public async Task Downsampling_keeps_a_nan_tail()
    {
        var run = await _store.NewRunAsync();
        var points = Enumerable.Range(0, 1000).Select(i => new MetricPointInput("loss", i, i < 600 ? 1.0 / (i + 1) : double.NaN)).ToList();
        await _store.Ingest.IngestAsync(run, points, CancellationToken.None);
        var series = await _store.Series.ReadSeriesAsync(run, "loss", 100, CancellationToken.None);
        Assert.Contains(series!.Points, p => double.IsNaN(p.Value) && p.Step >= 600);
        Assert.True(series.Points.Count <= 100);
    }

    [Fact]
    public async Task A_series_with_fewer_points_than_asked_comes_back_whole_even_with_gaps_in_its_steps()
    {
        var run = await _store.NewRunAsync();
        var steps = Enumerable.Range(1, 50).Concat(Enumerable.Range(1001, 10)).ToList();
        await _store.Ingest.IngestAsync(run, steps.Select(s => new MetricPointInput("loss", s, 1.0 / s)).ToList(), CancellationToken.None);
        var series = await _store.Series.ReadSeriesAsync(run, "loss", 40, CancellationToken.None);
        Assert.True(series!.Downsampled);
        series = await _store.Series.ReadSeriesAsync(run, "loss", 1000, CancellationToken.None);
        Assert.False(series!.Downsampled);
        Assert.Equal(steps.Select(s => (long)s), series.Points.Select(p => p.Step));
    }

    [Fact]
    public async Task A_batch_for_a_missing_run_writes_nothing()
    {
        await _store.MigrateAsync();
        var result = await _store.Ingest.IngestAsync(999, [new("loss", 0, 1)], CancellationToken.None);
        Assert.False(result.RunFound);
        await using var db = await _store.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.MetricPoints.CountAsync());
    }

    [Fact]
    public async Task Sinks_hear_of_committed_batches()
    {
        var sink = new RecordingSink();
        using var store = new TestStore(sink);
        var run = await store.NewRunAsync();
        await store.Ingest.IngestAsync(run, [new("loss", 0, 1), new("loss", 1, 0.5)], CancellationToken.None);
        var (runId, count) = Assert.Single(sink.Batches);
        Assert.Equal((run, 2), (runId, count));
    }

    private sealed class RecordingSink : IMetricSink
    {
        public List<(long RunId, int Count)> Batches { get; } = [];

        public ValueTask OnMetricsWrittenAsync(long runId, IReadOnlyList<MetricPointInput> points, CancellationToken cancellationToken)
        {
            Batches.Add((runId, points.Count));
            return ValueTask.CompletedTask;
        }
    }
}
