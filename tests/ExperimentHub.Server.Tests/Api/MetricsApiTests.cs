using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Api;

public sealed class MetricsApiTests : IClassFixture<ExperimentHubFactory>
{
    private readonly ExperimentHubFactory _factory;
    private readonly HttpClient _admin;

    public MetricsApiTests(ExperimentHubFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
        _admin.PostAsJsonAsync("/api/v1/projects", new { key = "m", name = "Metrics" }).GetAwaiter().GetResult().Dispose();
    }

    [Fact]
    public async Task Points_with_nan_and_infinities_round_trip_as_strings()
    {
        var (id, token) = await NewRunAsync();
        using var client = _factory.CreateClientWith(token);
        var body = """
            {"points": [
              {"key": "loss", "value": 0.5, "step": 0, "timestamp": "2026-01-02T03:04:05.678Z"},
              {"key": "loss", "value": "NaN", "step": 1},
              {"key": "loss", "value": "Infinity", "step": 2},
              {"key": "loss", "value": "-Infinity", "step": 3}
            ]}
            """;
        var result = await HttpAssert.JsonAsync(await client.PostAsync($"/api/v1/runs/{id}/metrics", Json(body)));
        Assert.Equal(4, result.GetProperty("inserted").GetInt32());

        var series = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/runs/{id}/metrics/loss"));
        var values = series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value")).ToList();
        Assert.Equal(0.5, values[0].GetDouble());
        Assert.Equal(["NaN", "Infinity", "-Infinity"], values.Skip(1).Select(v => v.GetString()));
        var first = series.GetProperty("points")[0].GetProperty("timestamp").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), first);

        var keys = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/runs/{id}/metrics"));
        var loss = Assert.Single(keys.GetProperty("metrics").EnumerateArray());
        Assert.Equal(4, loss.GetProperty("count").GetInt64());
        Assert.Equal("-Infinity", loss.GetProperty("last").GetString());
    }

    [Fact]
    public async Task Reposting_a_batch_is_idempotent()
    {
        var (id, _) = await NewRunAsync();
        var batch = new { points = Enumerable.Range(0, 100).Select(i => new { key = "acc", value = i / 100.0, step = i }).ToArray() };
        var first = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync($"/api/v1/runs/{id}/metrics", batch));
        var second = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync($"/api/v1/runs/{id}/metrics", batch));
        Assert.Equal((100, 0), (first.GetProperty("inserted").GetInt32(), first.GetProperty("replaced").GetInt32()));
        Assert.Equal((0, 100), (second.GetProperty("inserted").GetInt32(), second.GetProperty("replaced").GetInt32()));
        var series = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics/acc"));
        Assert.Equal(100, series.GetProperty("points").GetArrayLength());
        Assert.Equal(100, series.GetProperty("totalPoints").GetInt64());
    }

    public static TheoryData<string, string> BadBatches() => new()
    {
        { """{"points": [{"key": "ok", "value": 1, "step": 0}, {"key": "", "value": 1, "step": 1}]}""", "points[1].key" },
        { $$"""{"points": [{"key": "{{new string('k', 251)}}", "value": 1, "step": 0}]}""", "points[0].key" },
        { """{"points": [{"key": "ok", "value": 1, "step": -1}]}""", "points[0].step" },
        { """{"points": [{"key": "ok", "value": "abc", "step": 0}]}""", "points[0].value" },
        { """{"points": [{"key": "ok", "value": null, "step": 0}]}""", "points[0].value" },
        { """{"points": [{"key": "ok", "value": 1, "step": 1.5}]}""", "points[0].step" },
        { """{"points": [{"key": "ok", "value": 1, "step": 0, "unit": "s"}]}""", "points[0].unit" },
        { """{"points": [{"key": "ok", "step": 0}]}""", "points[0].value" },
        { """{"points": [{"key": "ok", "value": 1, "step": 0, "timestamp": "yesterday"}]}""", "points[0].timestamp" },
        { """{"pts": []}""", "pts" },
        { """{"points": {"key": "ok"}}""", "points" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Bad_batches_name_the_field_and_store_nothing(string json, string field)
    {
        var (id, _) = await NewRunAsync();
        await HttpAssert.ProblemAsync(await _admin.PostAsync($"/api/v1/runs/{id}/metrics", Json(json)), HttpStatusCode.BadRequest, field);
        var keys = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics"));
        Assert.Equal(0, keys.GetProperty("metrics").GetArrayLength());
    }

    [Fact]
    public async Task A_batch_over_the_point_limit_is_refused_whole()
    {
        var (id, _) = await NewRunAsync();
        var batch = new { points = Enumerable.Range(0, ExperimentHubFactory.MaxBatchPoints + 1).Select(i => new { key = "k", value = 1.0, step = i }).ToArray() };
        await HttpAssert.ProblemAsync(await _admin.PostAsJsonAsync($"/api/v1/runs/{id}/metrics", batch), HttpStatusCode.RequestEntityTooLarge, "points");
        var keys = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics"));
        Assert.Equal(0, keys.GetProperty("metrics").GetArrayLength());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413_naming_body()
    {
        var (id, _) = await NewRunAsync();
        var padding = new string(' ', (int)ExperimentHubFactory.MaxBodyBytes);
        var json = "{\"points\": [" + padding + "]}";
        await HttpAssert.ProblemAsync(await _admin.PostAsync($"/api/v1/runs/{id}/metrics", Json(json)), HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Writes_need_the_runs_token_or_an_admin_key()
    {
        var (id, _) = await NewRunAsync();
        var (_, otherToken) = await NewRunAsync();
        var body = """{"points": [{"key": "loss", "value": 1, "step": 0}]}""";
        using var anonymous = _factory.CreateClientWith(null);
        await HttpAssert.ProblemAsync(await anonymous.PostAsync($"/api/v1/runs/{id}/metrics", Json(body)), HttpStatusCode.Unauthorized, "Authorization");
        using var other = _factory.CreateClientWith(otherToken);
        await HttpAssert.ProblemAsync(await other.PostAsync($"/api/v1/runs/{id}/metrics", Json(body)), HttpStatusCode.Forbidden, "Authorization");
        var keys = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics"));
        Assert.Equal(0, keys.GetProperty("metrics").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/runs/{id}/metrics")).StatusCode);
    }

    [Fact]
    public async Task Missing_runs_and_keys_are_404_naming_them()
    {
        var body = """{"points": [{"key": "loss", "value": 1, "step": 0}]}""";
        await HttpAssert.ProblemAsync(await _admin.PostAsync("/api/v1/runs/555555/metrics", Json(body)), HttpStatusCode.NotFound, "id");
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/runs/555555/metrics/loss"), HttpStatusCode.NotFound, "id");
        var (id, _) = await NewRunAsync();
        await HttpAssert.ProblemAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics/nothing"), HttpStatusCode.NotFound, "key");
        await HttpAssert.ProblemAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics/loss?maxPoints=1"), HttpStatusCode.BadRequest, "maxPoints");
        // A value that is not a number is named by its query parameter too, not as the body.
        await HttpAssert.ProblemAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics/loss?maxPoints=many"), HttpStatusCode.BadRequest, "maxPoints");
    }

    [Fact]
    public async Task A_series_is_downsampled_on_the_server_keeping_its_extremes()
    {
        var (id, _) = await NewRunAsync();
        for (var start = 0; start < 10_000; start += 1000)
        {
            var batch = Enumerable.Range(start, 1000).Select(i => new { key = "val/loss", value = i == 4321 ? 99.0 : Math.Cos(i / 100.0), step = i }).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync($"/api/v1/runs/{id}/metrics", new { points = batch })).StatusCode);
        }
        var series = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics/val%2Floss?maxPoints=100"));
        Assert.Equal("val/loss", series.GetProperty("key").GetString());
        Assert.True(series.GetProperty("downsampled").GetBoolean());
        Assert.Equal(10_000, series.GetProperty("totalPoints").GetInt64());
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.InRange(points.Count, 2, 100);
        Assert.Contains(points, p => p.GetProperty("step").GetInt64() == 4321 && p.GetProperty("value").GetDouble() == 99.0);
        Assert.Contains(points, p => p.GetProperty("value").GetDouble() == -1.0 || Math.Abs(p.GetProperty("value").GetDouble() + 1) < 1e-3);

        var plain = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/metrics/val/loss?maxPoints=100"));
        Assert.Equal(points.Count, plain.GetProperty("points").GetArrayLength());
    }

    private async Task<(long Id, string Token)> NewRunAsync()
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects/m/runs", new { name = "t" }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt64(), created.GetProperty("token").GetString()!);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
