using ExperimentHub.Client;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Api;

/// <summary>The .NET client in src/ExperimentHub.Client against this server: the contract both sides keep.</summary>
public sealed class DotNetClientTests(ExperimentHubFactory factory) : IClassFixture<ExperimentHubFactory>
{
    [Fact]
    public async Task The_client_creates_logs_finishes_and_reads_back()
    {
        using var client = new ExperimentHubClient(factory.CreateAdminClient());
        Assert.True(await client.IsHealthyAsync());
        var project = await client.CreateProjectAsync("client", "Client project");
        Assert.Equal("client", project.Key);
        Assert.Contains(await client.ListProjectsAsync(), p => p.Key == "client");

        var created = await client.CreateRunAsync("client", "logger", new Dictionary<string, object?> { ["lr"] = 0.1, ["opt"] = "sgd" });
        using var runClient = new ExperimentHubClient(factory.CreateClientWith(created.Token));
        await using (var logger = new RunLogger(runClient, created.Id, TimeSpan.FromMilliseconds(20)))
        {
            for (var step = 0; step < 50; step++)
            {
                logger.Log(new Dictionary<string, double> { ["loss"] = 1.0 / (step + 1), ["acc"] = step == 10 ? double.NaN : step / 50.0 });
            }
        }
        await runClient.LogMetricsAsync(created.Id, [new MetricPointDto("extra", double.PositiveInfinity, 0, DateTimeOffset.UtcNow)]);
        var error = await Assert.ThrowsAsync<ExperimentHubException>(() => runClient.LogMetricsAsync(created.Id, [new MetricPointDto("", 1, 0)]));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("points[0].key", error.Message, StringComparison.Ordinal);
        await runClient.FinishRunAsync(created.Id, "completed", new Dictionary<string, double> { ["best_acc"] = 0.98 });

        var run = await client.GetRunAsync(created.Id);
        Assert.Equal("completed", run.Status);
        Assert.Equal(0.98, run.Summary["best_acc"]);
        Assert.Equal(1.0 / 50, run.Summary["loss"], 12);
        Assert.Equal(0.1, run.Params.GetProperty("lr").GetDouble());

        var acc = await client.GetSeriesAsync(created.Id, "acc");
        Assert.Equal(50, acc.Points.Count);
        Assert.True(double.IsNaN(acc.Points[10].Value));
        var extra = await client.GetSeriesAsync(created.Id, "extra", maxPoints: 10);
        Assert.Equal(double.PositiveInfinity, Assert.Single(extra.Points).Value);

        // The run has ended: its token no longer works, and says why.
        var ended = await Assert.ThrowsAsync<ExperimentHubException>(() => runClient.LogMetricsAsync(created.Id, [new MetricPointDto("late", 1, 0)]));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ended.Status);
        Assert.Contains("has ended", ended.Message, StringComparison.Ordinal);
    }
}
