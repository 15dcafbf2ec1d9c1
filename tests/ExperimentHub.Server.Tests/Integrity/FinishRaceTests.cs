using System.Net;
using System.Net.Http.Json;
using System.Text;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Integrity;

/// <summary>A run's end is one atomic transition: one finish wins, the others are told why they lost.</summary>
public sealed class FinishRaceTests : IClassFixture<ExperimentHubFactory>
{
    private const int Rounds = 100;
    private const int Racers = 8;
    private static readonly string[] Statuses = ["completed", "failed", "stopped", "pruned"];

    private readonly ExperimentHubFactory _factory;
    private readonly HttpClient _admin;

    public FinishRaceTests(ExperimentHubFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
        _admin.PostAsJsonAsync("/api/v1/projects", new { key = "race", name = "Race" }).GetAwaiter().GetResult().Dispose();
    }

    [Fact]
    public async Task Exactly_one_of_concurrent_finishes_wins_and_the_others_get_409()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (id, token) = await CreateRunAsync();
            using var client = _factory.CreateClientWith(token);
            using var start = new ManualResetEventSlim();
            var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
            {
                start.Wait();
                var status = Statuses[i % Statuses.Length];
                using var response = await client.PostAsync($"/api/v1/runs/{id}/finish",
                    Json($$$"""{"status": "{{{status}}}", "summary": {"racer": {{{i}}}}}"""));
                return (Status: status, Racer: i, Code: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            })).ToList();
            start.Set();
            var answers = await Task.WhenAll(racers);

            var winners = answers.Where(a => a.Code == HttpStatusCode.OK).ToList();
            Assert.True(winners.Count == 1, $"round {round}: {winners.Count} finishes won: " + string.Join(" | ", answers.Select(a => $"{(int)a.Code} {a.Body}")));
            // A loser checked before the winner's end is told the run already finished (409); one checked after it finds
            // the run's token ended with the run (401).
            Assert.All(answers.Where(a => a.Code != HttpStatusCode.OK), a =>
            {
                Assert.True(a.Code is HttpStatusCode.Conflict or HttpStatusCode.Unauthorized, $"round {round}: {(int)a.Code} {a.Body}");
                Assert.Contains(a.Code == HttpStatusCode.Conflict ? "already finished" : "has ended", a.Body, StringComparison.Ordinal);
            });
            var run = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}"));
            Assert.Equal(winners[0].Status, run.GetProperty("status").GetString());
            Assert.Equal(winners[0].Racer, run.GetProperty("summary").GetProperty("racer").GetInt32());
        }
    }

    [Fact]
    public async Task A_finished_run_refuses_metrics_with_409_and_stores_none()
    {
        var (id, token) = await CreateRunAsync();
        using var client = _factory.CreateClientWith(token);
        var point = Json("""{"points": [{"key": "loss", "value": 0.5, "step": 1}]}""");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/runs/{id}/metrics", point)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/runs/{id}/finish", Json("""{"status": "completed"}"""))).StatusCode);

        const string late = """{"points": [{"key": "loss", "value": 9, "step": 2}, {"key": "acc", "value": 1, "step": 1}]}""";
        // The run's own token ended with it; a key that may still write to the project is refused by the run's state.
        await HttpAssert.ProblemAsync(await client.PostAsync($"/api/v1/runs/{id}/metrics", Json(late)), HttpStatusCode.Unauthorized, "Authorization");
        var problem = await HttpAssert.ProblemAsync(await _admin.PostAsync($"/api/v1/runs/{id}/metrics", Json(late)), HttpStatusCode.Conflict, "id");
        Assert.Contains("finished", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var series = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics/loss"));
        Assert.Equal(1, series.GetProperty("points").GetArrayLength());
        var keys = await _admin.GetStringAsync($"/api/v1/runs/{id}/metrics");
        Assert.DoesNotContain("acc", keys, StringComparison.Ordinal);
    }

    private async Task<(long Id, string Token)> CreateRunAsync()
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects/race/runs", new { name = "r" }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt64(), created.GetProperty("token").GetString()!);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
