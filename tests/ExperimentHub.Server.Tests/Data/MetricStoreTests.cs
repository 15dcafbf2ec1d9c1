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
        await _store.Metrics.IngestAsync(run,
        [
            new("loss", 0, 1.5), new("loss", 1, double.NaN), new("loss", 2, double.PositiveInfinity),
            new("loss", 3, double.NegativeInfinity), new("loss", 4, -0.25),
        ], CancellationToken.None);

        // A new pool: the values come from the file, not from a cached connection.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var series = await _store.Metrics.ReadSeriesAsync(run, "loss", 100, CancellationToken.None);
        Assert.NotNull(series);
        Assert.Equal([1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.25], series.Points.Select(p => p.Value));

        await using var db = await _store.Contexts.CreateDbContextAsync();
        var viaEf = await db.MetricPoints.Where(p => p.RunId == run).OrderBy(p => p.Step).ToListAsync();
        Assert.Equal([1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.25], viaEf.Select(p => p.Value));

        var summary = Assert.Single(await _store.Metrics.ListSummariesAsync(run, CancellationToken.None));
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
        var first = await _store.Metrics.IngestAsync(run, batch, CancellationToken.None);
        var again = await _store.Metrics.IngestAsync(run, batch, CancellationToken.None);
        Assert.Equal((3, 0), (first.Inserted, first.Replaced));
        Assert.Equal((0, 3), (again.Inserted, again.Replaced));

        // Replacing the maximum must lower the max, which an incremental summary could not know.
        await _store.Metrics.IngestAsync(run, [new("acc", 1, 0.3)], CancellationToken.None);
        var series = await _store.Metrics.ReadSeriesAsync(run, "acc", 100, CancellationToken.None);
        Assert.Equal([0.1, 0.3, 0.5], series!.Points.Select(p => p.Value));
        var summary = Assert.Single(await _store.Metrics.ListSummariesAsync(run, CancellationToken.None));
        Assert.Equal((3L, 2L, 0.5, 0.1, 0.5), (summary.Count, summary.LastStep, summary.Last, summary.MinValue!.Value, summary.MaxValue!.Value));
    }

    [Fact]
    public async Task Summary_last_value_follows_the_highest_step_not_the_latest_write()
    {
        var run = await _store.NewRunAsync();
        await _store.Metrics.IngestAsync(run, [new("x", 10, 7)], CancellationToken.None);
        await _store.Metrics.IngestAsync(run, [new("x", 3, 1), new("x", 4, double.NaN)], CancellationToken.None);
        var summary = Assert.Single(await _store.Metrics.ListSummariesAsync(run, CancellationToken.None));
        Assert.Equal((3L, 10L, 7.0, 1.0, 7.0), (summary.Count, summary.LastStep, summary.Last, summary.MinValue!.Value, summary.MaxValue!.Value));
    }

    [Fact]
    public async Task Downsampling_keeps_every_bucket_minimum_and_maximum()
    {
        var run = await _store.NewRunAsync();
        var random = new Random(7);
        var points = Enumerable.Range(0, 20_000).Select(i => new MetricPointInput("loss", i, Math.Sin(i / 500.0) + random.NextDouble() * 0.1)).ToList();
        points[12_345] = points[12_345] with { Value = 50 };   // a spike
        points[777] = points[777] with { Value = -50 };        // a dip
        for (var i = 0; i < points.Count; i += 1000)
        {
            await _store.Metrics.IngestAsync(run, points.GetRange(i, 1000), CancellationToken.None);
        }

        var series = await _store.Metrics.ReadSeriesAsync(run, "loss", 200, CancellationToken.None);
        Assert.NotNull(series);
        Assert.True(series.Downsampled);
        Assert.Equal(20_000, series.TotalPoints);
        Assert.InRange(series.Points.Count, 150, 200);
        Assert.Contains(series.Points, p => p.Step == 12_345 && p.Value == 50);
        Assert.Contains(series.Points, p => p.Step == 777 && p.Value == -50);
        Assert.Equal(series.Points.OrderBy(p => p.Step).Select(p => p.Step), series.Points.Select(p => p.Step));

        // Each of the 100 buckets of 200 steps keeps exactly its own extremes.
        foreach (var bucket in points.GroupBy(p => p.Step / 200))
        {
            var served = series.Points.Where(p => p.Step / 200 == bucket.Key).Select(p => p.Value).ToList();
            Assert.Contains(bucket.Min(p => p.Value), served);
            Assert.Contains(bucket.Max(p => p.Value), served);
        }
    }

    [Fact]
    public async Task Downsampling_keeps_a_nan_tail()
    {
        var run = await _store.NewRunAsync();
        var points = Enumerable.Range(0, 1000).Select(i => new MetricPointInput("loss", i, i < 600 ? 1.0 / (i + 1) : double.NaN)).ToList();
        await _store.Metrics.IngestAsync(run, points, CancellationToken.None);
        var series = await _store.Metrics.ReadSeriesAsync(run, "loss", 100, CancellationToken.None);
        Assert.Contains(series!.Points, p => double.IsNaN(p.Value) && p.Step >= 600);
        Assert.True(series.Points.Count <= 100);
    }

    [Fact]
    public async Task A_batch_for_a_missing_run_writes_nothing()
    {
        await _store.MigrateAsync();
        var result = await _store.Metrics.IngestAsync(999, [new("loss", 0, 1)], CancellationToken.None);
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
        await store.Metrics.IngestAsync(run, [new("loss", 0, 1), new("loss", 1, 0.5)], CancellationToken.None);
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
