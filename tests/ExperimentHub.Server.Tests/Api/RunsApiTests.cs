using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Api;

public sealed class RunsApiTests : IClassFixture<ExperimentHubFactory>
{
    private readonly ExperimentHubFactory _factory;
    private readonly HttpClient _admin;

    public RunsApiTests(ExperimentHubFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
        _admin.PostAsJsonAsync("/api/v1/projects", new { key = "runs", name = "Runs" }).GetAwaiter().GetResult().Dispose();
    }

    [Fact]
    public async Task A_run_is_created_with_a_token_and_read_back_with_its_params()
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects/runs/runs",
            new { name = "baseline", @params = new { lr = 0.01, layers = 3, opt = "adam" } }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.StartsWith("ehr_", created.GetProperty("token").GetString(), StringComparison.Ordinal);

        var run = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}"));
        Assert.Equal("baseline", run.GetProperty("name").GetString());
        Assert.Equal("running", run.GetProperty("status").GetString());
        Assert.Equal("runs", run.GetProperty("project").GetString());
        Assert.Equal(0.01, run.GetProperty("params").GetProperty("lr").GetDouble());
        Assert.Equal("adam", run.GetProperty("params").GetProperty("opt").GetString());
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_in_pages()
    {
        await _admin.PostAsJsonAsync("/api/v1/projects", new { key = "paged", name = "Paged" });
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects/paged/runs", new { name = $"r{i}" }), HttpStatusCode.Created);
            ids.Add(created.GetProperty("id").GetInt64());
        }
        var first = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/v1/projects/paged/runs?limit=3"));
        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), first.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        var next = first.GetProperty("nextBeforeId").GetInt64();
        var second = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/projects/paged/runs?limit=3&beforeId={next}"));
        Assert.Equal(ids.Take(2).Reverse(), second.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextBeforeId").ValueKind);

        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/projects/paged/runs?limit=0"), HttpStatusCode.BadRequest, "limit");
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/projects/paged/runs?beforeId=yesterday"), HttpStatusCode.BadRequest, "beforeId");
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/projects/paged/runs?status=sleeping"), HttpStatusCode.BadRequest, "status");
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/projects/nope/runs"), HttpStatusCode.NotFound, "project");
    }

    [Theory]
    [InlineData("""{"status": "completed", "summary": {"accuracy": 1e999}}""")]
    [InlineData("""{"status": "completed", "summary": {"accuracy": -1e400}}""")]
    [InlineData("""{"status": "completed", "summary": {"accuracy": "lots"}}""")]
    public async Task A_number_too_large_for_a_double_is_refused_at_its_field_and_the_run_keeps_running(string body)
    {
        var id = await NewRunAsync();
        using var refused = await _admin.PostAsync($"/api/v1/runs/{id}/finish", Json(body));
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Matches("\"errors\":\\{\"summary", problem);
        Assert.Contains("Infinity", problem, StringComparison.Ordinal);
        using var metrics = await _admin.PostAsync($"/api/v1/runs/{id}/metrics", Json("""{"points": [{"key": "loss", "value": 1e999, "step": 1}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, metrics.StatusCode);
        var run = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}"));
        Assert.Equal("running", run.GetProperty("status").GetString());
        Assert.Empty(run.GetProperty("summary").EnumerateObject());

        // Spelled out, an infinity is a value.
        var finished = await HttpAssert.JsonAsync(await _admin.PostAsync($"/api/v1/runs/{id}/finish",
            Json("""{"status": "completed", "summary": {"accuracy": "Infinity", "loss": -0.5}}""")));
        Assert.Equal("Infinity", finished.GetProperty("summary").GetProperty("accuracy").GetString());
        Assert.Equal(-0.5, finished.GetProperty("summary").GetProperty("loss").GetDouble());
    }

    [Fact]
    public async Task Finish_records_status_and_summary_with_nan()
    {
        var id = await NewRunAsync();
        using var token = _factory.CreateClientWith(await TokenAsync(id));
        var body = """{"status": "completed", "summary": {"accuracy": 0.97, "loss": "NaN"}}""";
        var finished = await HttpAssert.JsonAsync(await token.PostAsync($"/api/v1/runs/{id}/finish", Json(body)));
        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.Equal(0.97, finished.GetProperty("summary").GetProperty("accuracy").GetDouble());
        Assert.Equal("NaN", finished.GetProperty("summary").GetProperty("loss").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, finished.GetProperty("endedAt").ValueKind);

        // The run's token ended with the run; a second finish, even from an admin and with another status, is a
        // conflict that keeps the first status and summary.
        await HttpAssert.ProblemAsync(await token.PostAsync($"/api/v1/runs/{id}/finish", Json(body)), HttpStatusCode.Unauthorized, "Authorization");
        await HttpAssert.ProblemAsync(await _admin.PostAsync($"/api/v1/runs/{id}/finish", Json(body)), HttpStatusCode.Conflict, "status");
        await HttpAssert.ProblemAsync(await _admin.PostAsync($"/api/v1/runs/{id}/finish",
            Json("""{"status": "failed", "summary": {"accuracy": 0.1}}""")), HttpStatusCode.Conflict, "status");
        var after = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}"));
        Assert.Equal("completed", after.GetProperty("status").GetString());
        Assert.Equal(0.97, after.GetProperty("summary").GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public async Task Finish_as_failed_keeps_the_scripts_error_for_the_run_page()
    {
        var id = await NewRunAsync();
        using var token = _factory.CreateClientWith(await TokenAsync(id));
        const string error = "Traceback (most recent call last):\n  File \"train.py\", line 3, in <module>\nValueError: bad lr";
        var body = JsonSerializer.Serialize(new { status = "failed", error });

        var finished = await HttpAssert.JsonAsync(await token.PostAsync($"/api/v1/runs/{id}/finish", Json(body)));

        Assert.Equal("failed", finished.GetProperty("status").GetString());
        Assert.Equal(error, finished.GetProperty("error").GetString());
        Assert.Equal(error, (await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}"))).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_error_longer_than_the_limit_is_refused_at_its_field_and_the_run_stays_running()
    {
        var id = await NewRunAsync();
        var body = JsonSerializer.Serialize(new { status = "failed", error = new string('x', FinishRunRequest.MaxErrorLength + 1) });

        await HttpAssert.ProblemAsync(await _admin.PostAsync($"/api/v1/runs/{id}/finish", Json(body)), HttpStatusCode.BadRequest, "error");

        var run = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}"));
        Assert.Equal("running", run.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.GetProperty("error").ValueKind);
    }

    [Theory]
    [InlineData("""{"status": "running"}""", "status")]
    [InlineData("""{"status": "exploded"}""", "status")]
    [InlineData("""{"summary": {"a": 1}}""", "status")]
    [InlineData("""{"status": "completed", "summary": {"a": "lots"}}""", "summary.a")]
    [InlineData("""{"status": "completed", "summary": {"": 1}}""", "summary.")]
    [InlineData("""{"status": "completed", "error": "a completed run has no error"}""", "error")]
    [InlineData("""{"status": "failed", "error": 42}""", "error")]
    public async Task Bad_finish_bodies_name_the_field_and_leave_the_run_running(string json, string field)
    {
        var id = await NewRunAsync();
        await HttpAssert.ProblemAsync(await _admin.PostAsync($"/api/v1/runs/{id}/finish", Json(json)), HttpStatusCode.BadRequest, field);
        var run = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}"));
        Assert.Equal("running", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Missing_runs_and_other_runs_tokens_are_refused()
    {
        await HttpAssert.ProblemAsync(await _admin.GetAsync("/api/v1/runs/987654"), HttpStatusCode.NotFound, "id");
        await HttpAssert.ProblemAsync(await _admin.PostAsync("/api/v1/runs/987654/finish", Json("""{"status": "completed"}""")), HttpStatusCode.NotFound, "id");

        var mine = await NewRunAsync();
        var other = await NewRunAsync();
        using var token = _factory.CreateClientWith(await TokenAsync(mine));
        await HttpAssert.ProblemAsync(await token.PostAsync($"/api/v1/runs/{other}/finish", Json("""{"status": "completed"}""")), HttpStatusCode.Forbidden, "Authorization");
        var run = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{other}"));
        Assert.Equal("running", run.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"params": [1, 2]}""", "params")]
    [InlineData("""{"params": 3}""", "params")]
    [InlineData("""{"name": 12}""", "name")]
    [InlineData("""{"nmae": "typo"}""", "nmae")]
    public async Task Bad_run_bodies_name_the_field(string json, string field) =>
        await HttpAssert.ProblemAsync(await _admin.PostAsync("/api/v1/projects/runs/runs", Json(json)), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task A_run_in_a_missing_project_is_404_naming_project() =>
        await HttpAssert.ProblemAsync(await _admin.PostAsync("/api/v1/projects/ghost/runs", Json("{}")), HttpStatusCode.NotFound, "project");

    private readonly Dictionary<long, string> _tokens = [];

    private async Task<long> NewRunAsync()
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects/runs/runs", new { name = "t" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        _tokens[id] = created.GetProperty("token").GetString()!;
        return id;
    }

    private Task<string> TokenAsync(long id) => Task.FromResult(_tokens[id]);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
