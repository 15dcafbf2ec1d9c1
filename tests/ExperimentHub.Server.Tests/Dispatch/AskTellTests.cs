using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Server.Tests.Dispatch;

public sealed class AskTellTests : DispatchTestBase
{
    private const string Spec = """
        name: ask-tell
        method: random
        objectives:
          - {metric: loss, goal: minimize}
        parameters:
          x: {type: float, min: -5, max: 5}
          kind: {values: [a, b]}
        budget: {trials: 3, parallel: 2}
        seed: 7
        """;

    [Fact]
    public async Task A_sweep_without_a_command_hands_out_trials_only_through_asks_within_parallel_and_budget()
    {
        var id = await SubmitAsync(Spec);
        using var client = Host.CreateAdminClient();
        var agent = Agent("a1");
        await agent.RegisterAsync(slots: 4);
        Assert.Empty(await agent.RequestAsync(4));

        var first = await AskAsync(client, id);
        var second = await AskAsync(client, id);
        Assert.Equal(first.TrialId, first.RunId);
        Assert.Equal([1, 2], new[] { first.TrialNumber, second.TrialNumber });
        Assert.NotEqual(first.Params.GetRawText(), second.Params.GetRawText());
        Assert.InRange(first.Params.GetProperty("x").GetDouble(), -5, 5);

        using (var busy = await client.PostAsync($"/api/v1/sweeps/{id}/ask", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Equal("parallel", (await busy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.Empty(await agent.RequestAsync(4));

        // The run token that came with the ask logs intermediate metrics and tells the trial.
        using var runClient = Host.CreateClient();
        runClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first.Token);
        using (var logged = await runClient.PostAsJsonAsync($"/api/v1/runs/{first.RunId}/metrics",
            new { points = new[] { new { key = "loss", value = 3.0, step = 1 } } }))
        {
            Assert.True(logged.IsSuccessStatusCode, await logged.Content.ReadAsStringAsync());
        }
        using (var told = await runClient.PostAsJsonAsync($"/api/v1/trials/{first.TrialId}/tell", new { values = new { loss = 0.12 } }))
        {
            Assert.Equal(HttpStatusCode.OK, told.StatusCode);
            var trial = await told.Content.ReadFromJsonAsync<TrialDto>();
            Assert.Equal("completed", trial!.Status);
            Assert.Equal(0.12, trial.Metrics["loss"]);
        }
        using (var failed = await client.PostAsJsonAsync($"/api/v1/trials/{second.TrialId}/tell", new { status = "failed", reason = "diverged" }))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var third = await AskAsync(client, id);
        Assert.Equal(3, third.TrialNumber);
        using (var done = await client.PostAsync($"/api/v1/sweeps/{id}/ask", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, done.StatusCode);
            Assert.Equal("done", (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        using (var last = await client.PostAsJsonAsync($"/api/v1/trials/{third.TrialId}/tell", new { values = new { loss = 0.05 } }))
        {
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        }
        var sweep = await WaitForSweepAsync(id, s => s.Status == "completed", "the sweep completes once its last trial is told");
        Assert.Equal(third.RunId, sweep.Best!.RunId);
        Assert.Equal(2, sweep.TrialsCompleted);
        Assert.Equal(1, sweep.TrialsFailed);
    }

    [Fact]
    public async Task A_tell_for_an_unknown_told_or_wrong_trial_is_refused_and_changes_nothing()
    {
        var id = await SubmitAsync(Spec);
        using var client = Host.CreateAdminClient();
        var trial = await AskAsync(client, id);

        using (var unknown = await client.PostAsJsonAsync("/api/v1/trials/999999/tell", new { values = new { loss = 1.0 } }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        using (var missing = await client.PostAsJsonAsync($"/api/v1/trials/{trial.TrialId}/tell", new { values = new { accuracy = 1.0 } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("values.loss", out _), errors.ToString());
        }
        using (var both = await client.PostAsJsonAsync($"/api/v1/trials/{trial.TrialId}/tell", new { values = new { loss = 1.0 }, status = "failed", reason = "x" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        }
        Assert.Equal("running", (await TrialsAsync(id)).Single().Status);

        using (var told = await client.PostAsJsonAsync($"/api/v1/trials/{trial.TrialId}/tell", new { values = new { loss = 0.5 } }))
        {
            Assert.Equal(HttpStatusCode.OK, told.StatusCode);
        }
        using (var again = await client.PostAsJsonAsync($"/api/v1/trials/{trial.TrialId}/tell", new { values = new { loss = 0.1 } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        Assert.Equal(0.5, (await TrialsAsync(id)).Single().Metrics["loss"]);

        // A trial of a sweep with a command is reported by its agent, never told.
        var agentSweep = await SubmitAsync(SpecTexts.Random(trials: 1, parallel: 1));
        var agent = Agent("a1");
        await agent.RegisterAsync(slots: 1);
        var leased = await Eventually.GetAsync(() => agent.RequestAsync(1), l => l.Count == 1, "the agent sweep's trial is queued");
        using (var wrong = await client.PostAsJsonAsync($"/api/v1/trials/{leased[0].RunId}/tell", new { values = new { loss = 0.1 } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        }
        using (var notAsk = await client.PostAsync($"/api/v1/sweeps/{agentSweep}/ask", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, notAsk.StatusCode);
        }
    }

    [Fact]
    public async Task An_untold_trial_expires_like_a_lease_and_a_late_tell_is_gone()
    {
        var id = await SubmitAsync(Spec);
        using var client = Host.CreateAdminClient();
        var trial = await AskAsync(client, id);

        await Host.ReapAsync();
        Assert.Equal("running", (await TrialsAsync(id)).Single().Status);

        Host.Clock.Advance(TimeSpan.FromSeconds(3_601));
        await Host.ReapAsync();
        var expired = (await TrialsAsync(id)).Single();
        Assert.Equal("failed", expired.Status);
        Assert.StartsWith("expired:", expired.Error, StringComparison.Ordinal);

        using var late = await client.PostAsJsonAsync($"/api/v1/trials/{trial.TrialId}/tell", new { values = new { loss = 0.1 } });
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal("failed", (await TrialsAsync(id)).Single().Status);
    }

    private static async Task<AskedTrialDto> AskAsync(HttpClient client, long sweepId)
    {
        using var response = await client.PostAsync($"/api/v1/sweeps/{sweepId}/ask", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<AskedTrialDto>(body, JsonSerializerOptions.Web)!;
    }
}
