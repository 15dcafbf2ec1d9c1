using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components;

public sealed class DashboardTrialsQueryTests(ExperimentHubFactory factory) : IClassFixture<ExperimentHubFactory>
{
    [Fact]
    public async Task Trials_read_their_parameters_and_last_values_overridden_by_the_finish_summary()
    {
        var sweepId = await SeedAsync("all-metrics");
        var trials = await Queries.GetTrialsAsync(sweepId, CancellationToken.None);
        Assert.Equal([1, 2], trials.Select(t => t.Number));
        var first = trials[0];
        Assert.Equal(4L, first.Parameters["layers"]);
        Assert.Equal("adam", first.Parameters["optimizer"]);
        Assert.Equal(0.91, first.Metrics["accuracy"]);
        Assert.Equal(0.2, first.Metrics["loss"]);
        Assert.True(double.IsNaN(first.Metrics["val_loss"]));
        Assert.Equal(7.5, first.Metrics["inference_ms"]);
        Assert.Equal("running", trials[1].State);
        Assert.Equal(0.4, trials[1].Metrics["accuracy"]);
    }

    [Fact]
    public async Task Trials_read_for_a_page_carry_only_the_metrics_it_shows()
    {
        var sweepId = await SeedAsync("some-metrics");
        var trials = await Queries.GetTrialsAsync(sweepId, ["accuracy", "inference_ms"], CancellationToken.None);
        Assert.Equal(["accuracy", "inference_ms"], trials[0].Metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.91, trials[0].Metrics["accuracy"]);
        Assert.Equal(["accuracy"], trials[1].Metrics.Keys);
        Assert.Equal(trials[0].Parameters, (await Queries.GetTrialsAsync(sweepId, CancellationToken.None))[0].Parameters);
    }

    private DbDashboardQueries Queries => factory.Services.GetRequiredService<DbDashboardQueries>();

    /// <summary>
    /// A paused sweep of two trials: one completed with a summary, one still running with last values only. Paused, not
    /// ended: the host's coordinator stops the trials of an ended sweep on its next pass, which under load can fall
    /// between this seed and the query.
    /// </summary>
    private async Task<long> SeedAsync(string key)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var project = new Project { Key = key, Name = key, CreatedAt = now };
        var sweep = new Sweep
        {
            Project = project, Name = key, SpecText = "name: x", SpecFormat = "yaml", Status = SweepStatus.Paused,
            TrialBudget = 2, Parallel = 1, CreatedAt = now,
        };
        var done = new Run
        {
            Project = project, Sweep = sweep, TrialNumber = 1, Status = RunStatus.Completed, CreatedAt = now,
            ParamsJson = """{"layers": 4, "optimizer": "adam"}""",
            SummaryJson = """{"accuracy": 0.91, "val_loss": "NaN", "inference_ms": 7.5}""",
        };
        var running = new Run
        {
            Project = project, Sweep = sweep, TrialNumber = 2, Status = RunStatus.Running, CreatedAt = now,
            ParamsJson = """{"layers": 2, "optimizer": "sgd"}""",
        };
        db.AddRange(project, sweep, done, running);
        await db.SaveChangesAsync();
        db.MetricSummaries.AddRange(
            Summary(done, "accuracy", 0.8, now),
            Summary(done, "loss", 0.2, now),
            Summary(done, "val_loss", 0.3, now),
            Summary(running, "accuracy", 0.4, now),
            Summary(running, "loss", 0.9, now));
        await db.SaveChangesAsync();
        return sweep.Id;
    }

    private static MetricSummary Summary(Run run, string key, double last, DateTimeOffset now) => new()
    {
        RunId = run.Id, Key = key, Count = 1, LastStep = 1, LastValue = last, MinValue = last, MaxValue = last, UpdatedAt = now,
    };
}
