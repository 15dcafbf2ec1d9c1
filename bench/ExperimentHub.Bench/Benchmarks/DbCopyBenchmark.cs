using System.Diagnostics;
using System.Globalization;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Copy;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Testing;
using ExperimentHub.Testing.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// <c>db copy</c>: a SQLite store with N metric points (10 runs of 4 keys) copied to a fresh database of a throw-away
/// PostgreSQL 15 cluster, timed from the start of the copy to its checked counts. Options: --points N (1,000,000).
/// </summary>
internal sealed class DbCopyBenchmark : IBenchmark
{
    public string Name => "dbcopy";

    public string Description => "seconds to copy a SQLite store of 1,000,000 metric points to PostgreSQL (db copy)";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var points = args.SkipWhile(a => a != "--points").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1_000_000);
        using var folder = new TemporaryDirectory("dbcopy");
        var store = Options.Create(new StoreOptions { DataDir = folder.Path });
        var source = new StoreDatabase(Options.Create(new DatabaseOptions()), store);
        await new StoreMigrator(source, NullLogger<StoreMigrator>.Instance, TimeProvider.System).MigrateAsync(cancellationToken);
        var seeded = await SeedAsync(new SqliteConnectionFactory(store), points, cancellationToken);

        var target = new StoreDatabase(DatabaseProvider.Postgres,
            await (await PostgresCluster.SharedAsync()).DatabaseAsync($"dbcopy_{Guid.NewGuid():N}"));
        var clock = Stopwatch.StartNew();
        var counts = await new StoreCopier(source, target).CopyAsync(cancellationToken);
        clock.Stop();
        if (counts.Any(c => !c.Matches))
        {
            throw new InvalidOperationException("dbcopy: counts differ: " + string.Join(", ", counts.Select(c => $"{c.Table} {c.Source}/{c.Target}")));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dbcopy: points={seeded} runs=10 to=postgres seconds={clock.Elapsed.TotalSeconds:F2} points_per_s={seeded / clock.Elapsed.TotalSeconds:F0}"));
    }

    /// <summary>The store's own SQLite ingest path, with summaries and blocks, in batches of 1,000.</summary>
    private static async Task<long> SeedAsync(SqliteConnectionFactory connections, int points, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                INSERT INTO projects (key, name, created_at) VALUES ('copy', 'Copy', 0);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
                INSERT INTO runs (project_id, name, status, params_json, summary_json, created_at, attempt, gpus, failures)
                SELECT 1, 'run ' || i, 'completed', '{}', '{}', 0, 0, 0, 0 FROM n;
                """;
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }
        await connection.CloseAsync();
        using var gate = new WriteGate();
        var database = new StoreDatabase(DatabaseProvider.Sqlite, connections.ConnectionString);
        var contexts = new PooledDbContextFactory<ExperimentHubDb>(database.Configure(new DbContextOptionsBuilder<ExperimentHubDb>()).Options);
        var ingest = new MetricIngest(connections, database, contexts, gate, new ExperimentHub.Server.Events.ExperimentEvents(TimeProvider.System,
            NullLogger<ExperimentHub.Server.Events.ExperimentEvents>.Instance), [], TimeProvider.System, NullLogger<MetricIngest>.Instance);
        var perRun = points / 10;
        var batch = new MetricPointInput[1000];
        for (var run = 1; run <= 10; run++)
        {
            for (var start = 0; start < perRun; start += batch.Length)
            {
                var n = Math.Min(batch.Length, perRun - start);
                for (var i = 0; i < n; i++)
                {
                    var step = (start + i) / 4;
                    batch[i] = new MetricPointInput($"metric_{(start + i) % 4}", step, Math.Sin(step * 0.01));
                }
                await ingest.IngestAsync(run, batch[..n], cancellationToken);
            }
        }
        return perRun * 10L;
    }
}
