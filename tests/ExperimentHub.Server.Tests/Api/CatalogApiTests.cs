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
             "attempt", "exitCode", "dataset", "codeVersion", "warmStartSweepId", "warmStartRunId", "objectives", "searchSpace", "feasible",
             "artifacts", "param.layers", "param.lr", "param.note", "param.opt", "metric.accuracy", "metric.loss"],
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
    public async Task Rows_carry_their_sweeps_objectives_space_feasibility_artifacts_and_provenance_in_every_format()
    {
        await CreateProjectAsync("prov");
        using var submitted = await _admin.PostAsync("/api/v1/projects/prov/sweeps", new StringContent("""
            name: provenance
            objectives:
              - {metric: loss, goal: minimize}
            constraints:
              - {metric: memory, max: 10}
            parameters:
              lr: {type: float, min: 0.001, max: 0.1, log: true}
              opt: {values: [adam, sgd]}
            budget: {trials: 3, parallel: 3}
            dataset: cifar10-v2
            """, Encoding.UTF8, "application/yaml"));
        var sweepId = (await HttpAssert.JsonAsync(submitted, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var asked = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            using var ask = await _admin.PostAsync($"/api/v1/sweeps/{sweepId}/ask", null);
            asked.Add((await HttpAssert.JsonAsync(ask)).GetProperty("trialId").GetInt64());
        }
        await TellAsync(asked[0], """{"values": {"loss": 0.2, "memory": 4}}""");
        await TellAsync(asked[1], """{"values": {"loss": 0.1, "memory": 40}}""");
        await TellAsync(asked[2], """{"status": "failed", "reason": "oom"}""");
        using (var upload = await _admin.PutAsync($"/api/v1/runs/{asked[0]}/artifacts/model%20v1.bin", new ByteArrayContent([1, 2, 3])))
        {
            Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        }
        using (var created = await _admin.PostAsJsonAsync("/api/v1/projects/prov/runs", new { name = "manual", dataset = "imagenet-1k", codeVersion = "0123abc" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var rows = ReadCsv(await _admin.GetByteArrayAsync("/api/v1/catalog/runs?format=csv&project=prov"), out _);
        Assert.Equal(["true", "false", "false", ""], rows.Select(r => r["feasible"]));
        Assert.All(rows.Take(3), r => Assert.Equal("loss:minimize", r["objectives"]));
        Assert.All(rows.Take(3), r => Assert.Equal("cifar10-v2", r["dataset"]));
        using (var space = JsonDocument.Parse(rows[0]["searchSpace"]))
        {
            Assert.True(space.RootElement.GetProperty("lr").GetProperty("log").GetBoolean());
            Assert.Equal(["adam", "sgd"], space.RootElement.GetProperty("opt").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        }
        Assert.Equal($"/api/v1/runs/{asked[0]}/artifacts/model%20v1.bin", rows[0]["artifacts"]);
        Assert.Equal(("imagenet-1k", "0123abc", ""), (rows[3]["dataset"], rows[3]["codeVersion"], rows[3]["objectives"]));
        using (var link = await _admin.GetAsync(rows[0]["artifacts"]))
        {
            Assert.Equal([1, 2, 3], await link.Content.ReadAsByteArrayAsync());
        }

        var lines = (await _admin.GetStringAsync("/api/v1/catalog/runs?format=jsonl&project=prov")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            var root = first.RootElement;
            Assert.True(root.GetProperty("feasible").GetBoolean());
            Assert.Equal("minimize", root.GetProperty("objectives")[0].GetProperty("goal").GetString());
            Assert.Equal("float", root.GetProperty("searchSpace").GetProperty("lr").GetProperty("type").GetString());
            Assert.Equal("cifar10-v2", root.GetProperty("dataset").GetString());
            Assert.Single(root.GetProperty("artifacts").EnumerateArray());
        }

        using var parquet = await _admin.GetAsync("/api/v1/catalog/runs?format=parquet&project=prov");
        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        await using var file = new MemoryStream(await parquet.Content.ReadAsByteArrayAsync());
        await using var reader = await Parquet.ParquetReader.CreateAsync(file);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
        Assert.Contains("param.lr", fields.Keys);
        Assert.Contains("metric.loss", fields.Keys);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(4, group.RowCount);
        var feasible = new bool?[4];
        await group.ReadAsync<bool>(fields["feasible"], feasible.AsMemory());
        Assert.Equal([true, false, false, null], feasible);
        var loss = new double?[4];
        await group.ReadAsync<double>(fields["metric.loss"], loss.AsMemory());
        Assert.Equal([0.2, 0.1, null, null], loss);
        var datasets = new string?[4];
        await group.ReadAsync(fields["dataset"], datasets.AsMemory());
        Assert.Equal("cifar10-v2,cifar10-v2,cifar10-v2,imagenet-1k", string.Join(',', datasets));
    }

    [Fact]
    public async Task An_empty_catalog_is_a_valid_parquet_file_with_the_fixed_columns()
    {
        await CreateProjectAsync("empty-parquet");
        using var response = await _admin.GetAsync("/api/v1/catalog/runs?format=parquet&project=empty-parquet");
        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType?.MediaType);
        await using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        await using var reader = await Parquet.ParquetReader.CreateAsync(file);
        Assert.Equal(ExperimentHub.Server.Data.Services.CatalogCsvWriter.FixedColumns, reader.Schema.DataFields.Select(f => f.Name));
    }

    private async Task TellAsync(long trialId, string body)
    {
        using var told = await _admin.PostAsync($"/api/v1/trials/{trialId}/tell", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(told.IsSuccessStatusCode, await told.Content.ReadAsStringAsync());
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
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/catalog/runs?format=parquet&project=nope"), HttpStatusCode.NotFound, "project");
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
