using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Tests.Dispatch;

namespace ExperimentHub.Server.Tests.Sweeps;

public sealed class SweepsApiTests : DispatchTestBase
{
    private const string Invalid = """
        name: broken
        command: [python3, train.py]
        method: bayes
        objectives:
          - {metric: loss, goal: smallest}
        parameters:
          lr: {type: float, min: 1, max: 0.1}
          depth: {type: int, min: 1, max: 5, when: {booster: gbtree}}
        budget: {trials: 10, parallel: 2}
        """;

    [Fact]
    public async Task An_invalid_spec_is_refused_with_every_error_and_its_line_and_nothing_is_stored()
    {
        await CreateProjectAsync();
        using var client = Host.CreateAdminClient();
        using var content = new StringContent(Invalid, Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync("/api/v1/projects/p/sweeps", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("specErrors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 3, problem.RootElement.ToString());
        var paths = errors.Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("objectives[0].goal", paths);
        Assert.Contains(paths, p => p!.StartsWith("parameters.lr", StringComparison.Ordinal));
        Assert.Contains(paths, p => p!.StartsWith("parameters.depth.when", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.True(e.GetProperty("line").GetInt32() > 0));
        var goal = errors.First(e => e.GetProperty("path").GetString() == "objectives[0].goal");
        Assert.Equal(5, goal.GetProperty("line").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("objectives[0].goal", out _));

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/projects/p/sweeps");
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task A_json_spec_is_accepted_and_the_sweep_reads_back_with_counts_and_budget()
    {
        await CreateProjectAsync();
        var json = """
            {"name": "json-sweep", "command": ["python3", "train.py", "${args}"], "method": "tpe",
             "objectives": [{"metric": "acc", "goal": "maximize"}, {"metric": "ms", "goal": "minimize"}],
             "parameters": {"c": {"type": "float", "min": 0.1, "max": 10}},
             "budget": {"trials": 3, "parallel": 2}, "seed": 1}
            """;
        using var client = Host.CreateAdminClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/v1/projects/p/sweeps", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/sweeps/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("running", created.GetProperty("status").GetString());
        Assert.Equal(3, created.GetProperty("budget").GetProperty("trials").GetInt32());

        // Two objectives: a Pareto set of the completed trials, no single best.
        var agent = Agent("a");
        foreach (var (acc, ms) in new[] { (0.9, 10.0), (0.8, 5.0), (0.7, 20.0) })
        {
            var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a trial"))[0];
            await agent.StartAsync(trial.RunId);
            await agent.ReportAsync(trial.RunId, "acc", acc);
            await agent.ReportAsync(trial.RunId, "ms", ms);
            await agent.EndAsync(trial.RunId, ExperimentHub.Contracts.Agents.TrialOutcome.Completed);
        }
        await WaitForSweepAsync(id, s => s.Status == "completed", "the sweep to complete");
        var sweep = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sweeps/{id}");
        Assert.Equal(3, sweep.GetProperty("trialsCompleted").GetInt32());
        Assert.Equal(JsonValueKind.Null, sweep.GetProperty("best").ValueKind);
        var pareto = sweep.GetProperty("pareto").EnumerateArray().Select(p => p.GetProperty("metrics").GetProperty("acc").GetDouble()).Order().ToList();
        Assert.Equal(new[] { 0.8, 0.9 }, pareto);

        var trials = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sweeps/{id}/trials");
        Assert.Equal(3, trials.GetArrayLength());
        Assert.All(trials.EnumerateArray(), t => Assert.True(t.GetProperty("params").GetProperty("c").GetDouble() is >= 0.1 and <= 10));
    }

    [Fact]
    public async Task Controls_answer_with_clear_errors()
    {
        using var client = Host.CreateAdminClient();
        using (var missing = await client.PostAsync("/api/v1/sweeps/999/pause", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("there is no sweep 999", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var id = await SubmitAsync(SpecTexts.Random(3, 1));
        using (var bad = await client.PostAsJsonAsync($"/api/v1/sweeps/{id}/extend", new { trials = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("trials", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var stop = await client.PostAsync($"/api/v1/sweeps/{id}/stop", null))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }
        using (var pause = await client.PostAsync($"/api/v1/sweeps/{id}/pause", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, pause.StatusCode);
            Assert.Contains("only a running sweep can be paused", await pause.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var noProject = new StringContent(SpecTexts.Random(1, 1), Encoding.UTF8, "text/yaml"))
        using (var response = await client.PostAsync("/api/v1/projects/nope/sweeps", noProject))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using var anonymous = Host.CreateClient();
        using var content = new StringContent(SpecTexts.Random(1, 1), Encoding.UTF8, "application/yaml");
        using var refused = await anonymous.PostAsync("/api/v1/projects/p/sweeps", content);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Agents_list_shows_each_agent_and_the_trials_it_holds()
    {
        var id = await SubmitAsync(SpecTexts.Random(2, 2));
        var agent = Agent("gpu-box");
        await agent.RegisterAsync(slots: 2, gpus: 2);
        var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a trial"))[0];
        await agent.StartAsync(trial.RunId);

        using var client = Host.CreateAdminClient();
        var agents = await client.GetFromJsonAsync<JsonElement>("/api/v1/agents");
        var box = agents.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "gpu-box");
        Assert.Equal("online", box.GetProperty("status").GetString());
        Assert.Equal(2, box.GetProperty("slots").GetInt32());
        Assert.Equal(2, box.GetProperty("gpus").GetArrayLength());
        var held = box.GetProperty("trials").EnumerateArray().Single();
        Assert.Equal(trial.RunId, held.GetProperty("runId").GetInt64());
        Assert.Equal(id, held.GetProperty("sweepId").GetInt64());
        Assert.Equal("running", held.GetProperty("status").GetString());
    }
}
