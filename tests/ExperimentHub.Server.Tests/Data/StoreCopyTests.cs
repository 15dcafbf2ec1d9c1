using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Copy;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Tests.Infrastructure;
using ExperimentHub.Testing.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ExperimentHub.Server.Tests.Data;

/// <summary>`db copy`: a SQLite store to a real PostgreSQL 15 database, whole, resumable, counted.</summary>
[Trait("Category", "SqliteOnly")]
public sealed class StoreCopyTests : IDisposable
{
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_copy_cut_off_midway_continues_without_duplicates_and_everything_arrives()
    {
        var (runIds, keyId) = await SeedAsync();
        var target = new StoreDatabase(DatabaseProvider.Postgres,
            await (await PostgresCluster.SharedAsync()).DatabaseAsync("copy_" + Guid.NewGuid().ToString("N")[..12]));

        using var cut = new CancellationTokenSource();
        var first = new StoreCopier(_store.Database, target, chunkSize: 500)
        {
            Progress = (table, rows) =>
            {
                if (table == "metric_points" && rows >= 1_500)
                {
                    cut.Cancel();
                }
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.CopyAsync(cut.Token));
        var partial = await first.CountAsync(CancellationToken.None);
        var points = partial.Single(c => c.Table == "metric_points");
        Assert.InRange(points.Target, 1_500, points.Source - 1);
        Assert.All(partial.Where(c => c.Table is "runs" or "api_keys" or "sweeps"), c => Assert.True(c.Matches, c.Table));

        var counts = await new StoreCopier(_store.Database, target, chunkSize: 500).CopyAsync(CancellationToken.None);

        Assert.All(counts, c => Assert.True(c.Matches, $"{c.Table}: source {c.Source}, target {c.Target}"));
        Assert.Equal(3 * 2 * 1_000, counts.Single(c => c.Table == "metric_points").Target);
        var contexts = new PooledDbContextFactory<ExperimentHubDb>(target.Configure(new DbContextOptionsBuilder<ExperimentHubDb>()).Options);
        var series = new MetricSeriesReader(contexts);
        foreach (var runId in runIds)
        {
            var copied = await series.ReadSeriesAsync(runId, "loss", 5_000, CancellationToken.None);
            var original = await _store.Series.ReadSeriesAsync(runId, "loss", 5_000, CancellationToken.None);
            Assert.Equal(original!.Points, copied!.Points);
        }
        await using var db = await contexts.CreateDbContextAsync();
        Assert.True(await db.ApiKeys.AnyAsync(k => k.Id == keyId));
        Assert.Equal("weights/model.bin", (await db.Artifacts.SingleAsync()).Path);
        Assert.Equal(1, await db.Agents.CountAsync());
        Assert.Equal(1_000, (await db.MetricSummaries.SingleAsync(s => s.RunId == runIds[0] && s.Key == "acc")).Count);
        // Ids came along; new rows continue after them.
        var project = await db.Projects.SingleAsync();
        var after = new Run { ProjectId = project.Id, Status = RunStatus.Running, CreatedAt = DateTimeOffset.UnixEpoch };
        db.Runs.Add(after);
        await db.SaveChangesAsync();
        Assert.True(after.Id > runIds.Max());
    }

    private async Task<(List<long> RunIds, long KeyId)> SeedAsync()
    {
        await _store.MigrateAsync();
        var project = await _store.Projects.CreateAsync("copy", "Copy", "to postgres", CancellationToken.None);
        long sweepId;
        await using (var db = await _store.Contexts.CreateDbContextAsync())
        {
            var sweep = new Sweep { ProjectId = project!.Id, Name = "s", SpecText = "name: s", SpecFormat = "yaml", Status = SweepStatus.Completed, CreatedAt = DateTimeOffset.UnixEpoch };
            db.Sweeps.Add(sweep);
            db.Agents.Add(new RegisteredAgent { Id = "agent-1", Name = "gpu box", Host = "box", Status = AgentStatus.Offline });
            await db.SaveChangesAsync();
            sweepId = sweep.Id;
        }
        var runIds = new List<long>();
        long keyId = 0;
        for (var i = 0; i < 3; i++)
        {
            var created = await _store.Runs.CreateAsync(project!.Id, $"run {i}", "{\"lr\": 0.1}", CancellationToken.None);
            runIds.Add(created.Run.Id);
            var points = Enumerable.Range(0, 1_000).SelectMany(s => new[]
            {
                new MetricPointInput("loss", s, s == 500 ? double.NaN : 1.0 / (s + 1)),
                new MetricPointInput("acc", s, s / 1000.0),
            }).ToList();
            await _store.Ingest.IngestAsync(created.Run.Id, points, CancellationToken.None);
        }
        await using (var db = await _store.Contexts.CreateDbContextAsync())
        {
            var run = await db.Runs.SingleAsync(r => r.Id == runIds[0]);
            run.SweepId = sweepId;
            run.TrialNumber = 0;
            db.Artifacts.Add(new Artifact { RunId = runIds[0], Path = "weights/model.bin", Size = 12, ContentType = "application/octet-stream", CreatedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync();
            keyId = await db.ApiKeys.MaxAsync(k => k.Id);
        }
        return (runIds, keyId);
    }
}
