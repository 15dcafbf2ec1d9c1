using System.Globalization;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>
/// A finished sweep written straight into a running server's SQLite file (WAL lets both write), for pages that need
/// thousands of trials without running them: two objectives, a log, an int and a categorical parameter.
/// </summary>
public static class SweepSeeder
{
    public const string Spec = """
        name: seeded-two-objectives
        command: [python3, train.py, "${args}"]
        method: tpe
        objectives:
          - {metric: accuracy, goal: maximize}
          - {metric: latency_ms, goal: minimize}
        constraints:
          - {metric: accuracy, min: 0.6}
        parameters:
          lr: {type: float, min: 0.0001, max: 0.1, log: true}
          width: {type: int, min: 16, max: 512}
          dropout: {type: float, min: 0.0, max: 0.5}
          optimizer: {values: [sgd, adam, rmsprop]}
        budget: {trials: 10000, parallel: 8}
        seed: 3
        """;

    public static async Task<long> SeedAsync(ServerProcess server, string projectKey, int trials, string status = "completed")
    {
        var factory = new SqliteConnectionFactory(Options.Create(new StoreOptions { DataDir = server.DataDir }));
        var options = new DbContextOptionsBuilder<ExperimentHubDb>()
            .UseSqlite(factory.ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;
        await using var db = new ExperimentHubDb(options);
        var projectId = await db.Projects.Where(p => p.Key == projectKey).Select(p => p.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var sweep = new Sweep
        {
            ProjectId = projectId,
            Name = "seeded-two-objectives",
            SpecText = Spec,
            SpecFormat = "yaml",
            Status = Enum.Parse<SweepStatus>(status, ignoreCase: true),
            TrialBudget = trials,
            Parallel = 8,
            CreatedAt = now.AddHours(-2),
            StartedAt = now.AddHours(-2),
            EndedAt = now,
        };
        db.Sweeps.Add(sweep);
        await db.SaveChangesAsync();

        var random = new Random(7);
        string[] optimizers = ["sgd", "adam", "rmsprop"];
        for (var i = 0; i < trials; i++)
        {
            var lr = Math.Pow(10, -4 + 3 * random.NextDouble());
            var width = random.Next(16, 513);
            var dropout = 0.5 * random.NextDouble();
            var optimizer = optimizers[random.Next(3)];
            // A trade-off: wider is more accurate and slower; the best lr is near 1e-2.
            var accuracy = Math.Clamp(0.95 - 0.08 * Math.Pow(Math.Log10(lr) + 2, 2) - 30.0 / width - 0.1 * dropout
                + (optimizer == "adam" ? 0.02 : 0) + 0.02 * (random.NextDouble() - 0.5), 0, 1);
            var latency = 2 + width / 20.0 + 3 * random.NextDouble();
            var started = now.AddHours(-2).AddSeconds(i * 0.7);
            db.Runs.Add(new Run
            {
                ProjectId = projectId,
                SweepId = sweep.Id,
                TrialNumber = i + 1,
                Name = $"trial {i + 1}",
                Status = RunStatus.Completed,
                ParamsJson = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"lr":{{lr:R}},"width":{{width}},"dropout":{{dropout:R}},"optimizer":"{{optimizer}}"}"""),
                SummaryJson = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"accuracy":{{accuracy:R}},"latency_ms":{{latency:R}}}"""),
                CreatedAt = started,
                StartedAt = started,
                EndedAt = started.AddSeconds(5 + 10 * random.NextDouble()),
                Attempt = 1,
            });
            if (i % 2000 == 1999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        return sweep.Id;
    }
}
