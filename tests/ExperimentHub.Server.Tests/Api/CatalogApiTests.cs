using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Api;

public sealed class CatalogApiTests : IClassFixture<ExperimentHubFactory>
{
    private const string Awkward = "a, \"quoted\"\nsecond line";
    private readonly ExperimentHubFactory _factory;
    private readonly HttpClient _admin;

    public CatalogApiTests(ExperimentHubFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
    }

    [Fact]
    public async Task Csv_has_a_column_per_parameter_and_metric_with_quoting_and_nan()
    {
        var (first, second) = await SeedTwoRunsAsync("csv");

        using var response = await _admin.GetAsync("/api/v1/catalog/runs?format=csv&project=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'i', bytes[0]); // no byte order mark

        var rows = ReadCsv(bytes, out var headers);
        Assert.Equal(
            ["id", "project", "sweepId", "trialNumber", "name", "status", "createdAt", "startedAt", "endedAt", "durationSeconds",
             "attempt", "exitCode", "param.layers", "param.lr", "param.note", "param.opt", "metric.accuracy", "metric.loss"],
            headers);
        Assert.Equal(2, rows.Count);
        var a = rows[0];
        Assert.Equal(first.ToString(CultureInfo.InvariantCulture), a["id"]);
        Assert.Equal("csv", a["project"]);
        Assert.Equal("", a["sweepId"]);
        Assert.Equal("first, \"run\"", a["name"]);
        Assert.Equal("completed", a["status"]);
        Assert.Equal("0.01", a["param.lr"]);
        Assert.Equal(Awkward, a["param.note"]);
        Assert.Equal("adam", a["param.opt"]);
        Assert.Equal("", a["param.layers"]);
        Assert.Equal("NaN", a["metric.loss"]);
        Assert.Equal("Infinity", a["metric.accuracy"]);
        Assert.EndsWith("Z", a["createdAt"], StringComparison.Ordinal);
        var created = DateTimeOffset.Parse(a["createdAt"], CultureInfo.InvariantCulture);
        Assert.True(created > DateTimeOffset.UtcNow.AddHours(-1) && created <= DateTimeOffset.UtcNow.AddMinutes(1), a["createdAt"]);
        Assert.True(double.Parse(a["durationSeconds"], CultureInfo.InvariantCulture) >= 0, a["durationSeconds"]);

        var b = rows[1];
        Assert.Equal(second.ToString(CultureInfo.InvariantCulture), b["id"]);
        Assert.Equal("running", b["status"]);
        Assert.Equal("", b["endedAt"]);
        Assert.Equal("", b["durationSeconds"]);
        Assert.Equal("3", b["param.layers"]);
        Assert.Equal("[1,2]", b["param.opt"].Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("0.25", b["metric.loss"]);
        Assert.Equal("", b["metric.accuracy"]);
    }

    [Fact]
    public async Task Jsonl_has_one_object_per_run_with_params_and_metrics()
    {
        var (first, second) = await SeedTwoRunsAsync("jsonl");

        using var response = await _admin.GetAsync("/api/v1/catalog/runs?format=jsonl&project=jsonl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var a = JsonDocument.Parse(lines[0]);
        using var b = JsonDocument.Parse(lines[1]);
        Assert.Equal(first, a.RootElement.GetProperty("id").GetInt64());
        Assert.Equal("jsonl", a.RootElement.GetProperty("project").GetString());
        Assert.Equal(JsonValueKind.Null, a.RootElement.GetProperty("sweepId").ValueKind);
        Assert.Equal("completed", a.RootElement.GetProperty("status").GetString());
        Assert.Equal(Awkward, a.RootElement.GetProperty("params").GetProperty("note").GetString());
        Assert.Equal(0.01, a.RootElement.GetProperty("params").GetProperty("lr").GetDouble());
        Assert.Equal("NaN", a.RootElement.GetProperty("metrics").GetProperty("loss").GetString());
        Assert.Equal("Infinity", a.RootElement.GetProperty("metrics").GetProperty("accuracy").GetString());
        Assert.Equal(JsonValueKind.Number, a.RootElement.GetProperty("durationSeconds").ValueKind);

        Assert.Equal(second, b.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Array, b.RootElement.GetProperty("params").GetProperty("opt").ValueKind);
        Assert.Equal(0.25, b.RootElement.GetProperty("metrics").GetProperty("loss").GetDouble());
        Assert.False(b.RootElement.GetProperty("metrics").TryGetProperty("accuracy", out _));
        Assert.Equal(JsonValueKind.Null, b.RootElement.GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task Sweep_filter_keeps_only_that_sweeps_trials()
    {
        await CreateProjectAsync("swept");
        var (sweepA, sweepB) = await SeedSweepsAsync("swept");

        var rows = ReadCsv(await _admin.GetByteArrayAsync($"/api/v1/catalog/runs?format=csv&sweep={sweepA}"), out var headers);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(sweepA.ToString(CultureInfo.InvariantCulture), r["sweepId"]));
        Assert.Equal(["1", "2", "3"], rows.Select(r => r["trialNumber"]));
        Assert.Contains("param.x", headers);
        Assert.DoesNotContain("param.only_b", headers);

        var all = ReadCsv(await _admin.GetByteArrayAsync("/api/v1/catalog/runs?format=csv&project=swept"), out headers);
        Assert.Equal(5, all.Count);
        Assert.Contains("param.only_b", headers);
        Assert.Equal(2, all.Count(r => r["sweepId"] == sweepB.ToString(CultureInfo.InvariantCulture)));

        var both = await _admin.GetStringAsync($"/api/v1/catalog/runs?format=jsonl&project=swept&sweep={sweepB}");
        Assert.Equal(2, both.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Without_a_filter_every_project_is_in_the_catalog()
    {
        await SeedTwoRunsAsync("every-a");
        await SeedTwoRunsAsync("every-b");
        var rows = ReadCsv(await _admin.GetByteArrayAsync("/api/v1/catalog/runs?format=csv"), out _);
        Assert.Equal(2, rows.Count(r => r["project"] == "every-a"));
        Assert.Equal(2, rows.Count(r => r["project"] == "every-b"));
        var ids = rows.Select(r => long.Parse(r["id"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task Unauthenticated_requests_are_refused()
    {
        using var anonymous = _factory.CreateClientWith(null);
        using var response = await anonymous.GetAsync("/api/v1/catalog/runs?format=csv");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bad_format_project_or_sweep_is_named()
    {
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/catalog/runs?format=xml"), HttpStatusCode.BadRequest, "format");
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/catalog/runs?format=csv&project=nope"), HttpStatusCode.NotFound, "project");
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/catalog/runs?format=csv&sweep=987654"), HttpStatusCode.NotFound, "sweep");
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/catalog/runs?format=csv&sweep=abc"), HttpStatusCode.BadRequest, "sweep");
    }

    [Fact]
    public async Task A_single_run_carries_its_log_tail()
    {
        await CreateProjectAsync("tail");
        var id = await CreateRunAsync("tail", "with log", new { });
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var run = await db.Runs.SingleAsync(r => r.Id == id);
            run.LogTail = "epoch 1\nTraceback: boom\n";
            await db.SaveChangesAsync();
        }
        var body = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}"));
        Assert.Equal("epoch 1\nTraceback: boom\n", body.GetProperty("logTail").GetString());
    }

    private async Task<(long First, long Second)> SeedTwoRunsAsync(string project)
    {
        await CreateProjectAsync(project);
        var first = await CreateRunAsync(project, "first, \"run\"", new { lr = 0.01, note = Awkward, opt = "adam" });
        var second = await CreateRunAsync(project, "second", new { lr = 0.1, layers = 3, opt = new[] { 1, 2 } });
        await PostMetricsAsync(first, """[{"key": "loss", "value": 0.5, "step": 1}, {"key": "loss", "value": "NaN", "step": 2}, {"key": "accuracy", "value": "Infinity", "step": 2}]""");
        await PostMetricsAsync(second, """[{"key": "loss", "value": 0.75, "step": 1}, {"key": "loss", "value": 0.25, "step": 2}]""");
        using var finished = await _admin.PostAsync($"/api/v1/runs/{first}/finish", new StringContent("""{"status": "completed"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        return (first, second);
    }

    /// <summary>Two sweeps of three and two trials, written straight to the store (no dispatcher involved: both are stopped).</summary>
    private async Task<(long A, long B)> SeedSweepsAsync(string projectKey)
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using var db = await contexts.CreateDbContextAsync();
        var project = await db.Projects.SingleAsync(p => p.Key == projectKey);
        var now = DateTimeOffset.UtcNow;
        Sweep NewSweep(string name, int trials, Func<int, string> paramsJson)
        {
            var sweep = new Sweep
            {
                ProjectId = project.Id, Name = name, SpecText = "{}", SpecFormat = "json", Status = SweepStatus.Stopped,
                TrialBudget = trials, Parallel = 1, CreatedAt = now,
            };
            for (var i = 1; i <= trials; i++)
            {
                sweep.Runs.Add(new Run
                {
                    ProjectId = project.Id, TrialNumber = i, Status = RunStatus.Completed, ParamsJson = paramsJson(i),
                    SummaryJson = $$"""{"score": {{i}}}""", CreatedAt = now, StartedAt = now, EndedAt = now.AddSeconds(i), Attempt = 1, ExitCode = 0,
                });
            }
            return sweep;
        }
        var a = NewSweep("a", 3, i => $$"""{"x": {{i}}}""");
        var b = NewSweep("b", 2, i => $$"""{"x": {{i}}, "only_b": "yes"}""");
        db.Sweeps.AddRange(a, b);
        await db.SaveChangesAsync();
        return (a.Id, b.Id);
    }

    private async Task CreateProjectAsync(string key)
    {
        using var response = await _admin.PostAsJsonAsync("/api/v1/projects", new { key, name = key });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<long> CreateRunAsync(string project, string name, object parameters)
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync($"/api/v1/projects/{project}/runs", new { name, @params = parameters }), HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    private async Task PostMetricsAsync(long run, string points)
    {
        using var response = await _admin.PostAsync($"/api/v1/runs/{run}/metrics", new StringContent($$"""{"points": {{points}}}""", Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes, out List<string> headers)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), options: null, leaveOpen: false);
        var rows = new List<Dictionary<string, string>>();
        headers = [];
        while (reader.Read())
        {
            headers = [.. reader.Headers];
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in headers)
            {
                row[name] = reader.GetString(name);
            }
            rows.Add(row);
        }
        if (headers.Count == 0)
        {
            headers = [.. reader.Headers];
        }
        return rows;
    }
}
