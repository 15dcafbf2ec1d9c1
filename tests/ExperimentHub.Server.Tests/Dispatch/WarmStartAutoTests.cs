using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Dispatch;

public sealed class WarmStartAutoTests : DispatchTestBase
{
    private static string Spec(string name, string extra = "", string metric = "loss") => $$"""
        name: {{name}}
        method: random
        objectives:
          - {metric: {{metric}}, goal: minimize}
        parameters:
          x: {type: float, min: 0, max: 10}
          opt: {values: [adam, sgd]}
        budget: {trials: 20, parallel: 1}
        seed: 4
        {{extra}}
        """;

    [Fact]
    public async Task An_auto_warm_start_begins_with_the_best_configurations_of_a_related_sweep_and_names_them()
    {
        using var client = Host.CreateAdminClient();
        var prior = await SubmitAsync(Spec("prior"));
        // The prior sweep's loss is the distance to x = 7: its best trials sit near 7.
        var losses = new Dictionary<long, double>();
        for (var i = 0; i < 6; i++)
        {
            var trial = await AskAsync(client, prior);
            var loss = Math.Abs(trial.GetProperty("params").GetProperty("x").GetDouble() - 7);
            losses[trial.GetProperty("trialId").GetInt64()] = loss;
            await TellAsync(client, trial.GetProperty("trialId").GetInt64(), loss);
        }
        var unrelated = await SubmitAsync(Spec("other-metric", metric: "accuracy"));

        var warm = await SubmitAsync(Spec("warm", "warm_start: auto"));
        var sweep = await SweepAsync(warm);
        Assert.Equal("auto", sweep.WarmStart!.Mode);
        Assert.Equal([prior], sweep.WarmStart.Sources.Select(s => s.SweepId));
        Assert.Equal(1.0, sweep.WarmStart.Sources[0].Similarity, 9);
        Assert.Equal(2, sweep.WarmStart.Sources[0].Trials);
        Assert.Contains($"sweep {prior}", sweep.WarmStart.Note, StringComparison.Ordinal);
        Assert.DoesNotContain($"sweep {unrelated}", sweep.WarmStart.Note, StringComparison.Ordinal);

        var best = losses.OrderBy(l => l.Value).Select(l => l.Key).Take(2).ToList();
        var first = await AskAsync(client, warm);
        await TellAsync(client, first.GetProperty("trialId").GetInt64(), 1);
        var second = await AskAsync(client, warm);
        await TellAsync(client, second.GetProperty("trialId").GetInt64(), 1);
        var third = await AskAsync(client, warm);

        var trials = await TrialsAsync(warm);
        Assert.Equal(best, trials.Take(2).Select(t => t.WarmStartRunId!.Value));
        Assert.All(trials.Take(2), t => Assert.Equal(prior, t.WarmStartSweepId));
        Assert.Null(trials[2].WarmStartRunId);
        var priorTrials = await TrialsAsync(prior);
        var source = priorTrials.Single(t => t.RunId == best[0]).Params;
        Assert.Equal(source.GetProperty("x").GetDouble(), first.GetProperty("params").GetProperty("x").GetDouble(), 9);
        Assert.Equal(source.GetProperty("opt").GetString(), first.GetProperty("params").GetProperty("opt").GetString());
        Assert.NotEqual(JsonValueKind.Undefined, third.GetProperty("params").ValueKind);
    }

    [Fact]
    public async Task An_auto_warm_start_gives_the_sampler_the_related_sweeps_finished_trials_with_their_similarity()
    {
        using var client = Host.CreateAdminClient();
        var prior = await SubmitAsync(Spec("prior"));
        var told = new Dictionary<double, double>();
        for (var i = 0; i < 4; i++)
        {
            var trial = await AskAsync(client, prior);
            var x = trial.GetProperty("params").GetProperty("x").GetDouble();
            told[x] = Math.Abs(x - 7);
            await TellAsync(client, trial.GetProperty("trialId").GetInt64(), told[x]);
        }
        // Asked but never told: not finished, so not history.
        await AskAsync(client, prior);
        _ = await SubmitAsync(Spec("other-metric", metric: "accuracy"));
        var warm = await SubmitAsync(Spec("warm", "warm_start: auto"));

        var inputs = Host.Services.GetRequiredService<SweepSearchInputs>();
        var spec = await inputs.SpecAsync(warm, CancellationToken.None);
        var contexts = Host.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using var db = await contexts.CreateDbContextAsync();
        var stored = await db.Sweeps.AsNoTracking().SingleAsync(s => s.Id == warm);
        var history = await inputs.HistoryAsync(warm, spec, WarmStartDesignJson.Read(stored.WarmStartDesignJson), CancellationToken.None);

        var source = Assert.Single(history);
        Assert.Equal(prior, source.SweepId);
        Assert.Equal(1.0, source.Similarity, 9);
        Assert.Equal(4, source.Trials.Count);
        Assert.All(source.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal(told.OrderBy(t => t.Key).Select(t => t.Value),
            source.Trials.OrderBy(t => ParameterValues.ToDouble(t.Parameters["x"])).Select(t => t.Metrics["loss"]));
    }

    [Fact]
    public async Task An_auto_warm_start_that_finds_nothing_says_so_and_starts_cold()
    {
        var id = await SubmitAsync(Spec("alone", "warm_start: {sweeps: auto, scope: all}"));
        var sweep = await SweepAsync(id);
        Assert.Equal("auto", sweep.WarmStart!.Mode);
        Assert.Empty(sweep.WarmStart.Sources);
        Assert.Contains("found no related earlier sweep in any project", sweep.WarmStart.Note, StringComparison.Ordinal);
        using var client = Host.CreateAdminClient();
        await AskAsync(client, id);
        Assert.Null((await TrialsAsync(id)).Single().WarmStartRunId);
    }

    private static async Task<JsonElement> AskAsync(HttpClient client, long sweepId)
    {
        using var response = await client.PostAsync($"/api/v1/sweeps/{sweepId}/ask", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    private static async Task TellAsync(HttpClient client, long trialId, double loss)
    {
        using var told = await client.PostAsJsonAsync($"/api/v1/trials/{trialId}/tell", new { values = new { loss } });
        Assert.Equal(HttpStatusCode.OK, told.StatusCode);
    }
}
