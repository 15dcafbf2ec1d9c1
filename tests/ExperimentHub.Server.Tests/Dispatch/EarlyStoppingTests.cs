using System.Net;
using System.Net.Http.Json;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Server.Tests.Dispatch;

public sealed class EarlyStoppingTests : DispatchTestBase
{
    private const string MedianRule = "early_stopping: {type: median, metric: loss, goal: minimize, min_steps: 1, min_trials: 2}\n";

    [Fact]
    public async Task A_trial_far_worse_than_the_median_is_pruned_and_its_agent_told_to_stop()
    {
        var (sweep, agent, bad) = await TwoFinishedTrialsAndAThirdAsync();
        await agent.StartAsync(bad.RunId);

        // The script posts its own metrics over HTTP: the same ingest path feeds early stopping.
        using var client = Host.CreateAdminClient();
        using (var posted = await client.PostAsJsonAsync($"/api/v1/runs/{bad.RunId}/metrics", new
        {
            points = new[] { new { key = "loss", value = 5.0, step = 1 }, new { key = "loss", value = 4.8, step = 2 }, new { key = "loss", value = 4.9, step = 3 } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var pruned = await Eventually.GetAsync(() => TrialsAsync(sweep), t => t.Single(x => x.RunId == bad.RunId).Status == "pruned", "the bad trial pruned");
        Assert.Contains("median", pruned.Single(x => x.RunId == bad.RunId).Error, StringComparison.Ordinal);
        // The status is written before the agent is told: wait for the message rather than racing it.
        await Eventually.TrueAsync(() => Task.FromResult(Host.Notifier.Stops.Any(s => s.AgentId == "trainer" && s.RunId == bad.RunId)),
            "the trainer told to stop the bad trial");

        await agent.EndAsync(bad.RunId, TrialOutcome.Stopped, 143);
        var after = await TrialsAsync(sweep);
        Assert.Equal("pruned", after.Single(x => x.RunId == bad.RunId).Status);
        Assert.Equal(1, (await SweepAsync(sweep)).TrialsPruned);
    }

    [Fact]
    public async Task A_trial_on_par_with_the_others_goes_on()
    {
        var (sweep, agent, fine) = await TwoFinishedTrialsAndAThirdAsync();
        await agent.StartAsync(fine.RunId);
        await agent.ReportAsync(fine.RunId, "loss", 0.9, 0.4, 0.1);

        var stopper = Host.Services.GetService(typeof(ExperimentHub.Server.Dispatch.EarlyStopper)) as ExperimentHub.Server.Dispatch.EarlyStopper;
        Assert.False(await stopper!.JudgeAsync(fine.RunId, CancellationToken.None));
        Assert.Equal("running", (await TrialsAsync(sweep)).Single(t => t.RunId == fine.RunId).Status);
    }

    /// <summary>A median-rule sweep where two trials finished with a falling loss; the third is leased, not started.</summary>
    private async Task<(long Sweep, SimulatedAgent Agent, TrialAssignment Third)> TwoFinishedTrialsAndAThirdAsync()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 5, parallel: 3, extra: MedianRule));
        var agent = Agent("trainer");
        var trials = await Eventually.GetAsync(() => agent.RequestAsync(slots: 3), a => a.Count == 3, "three trials");
        foreach (var good in trials.Take(2))
        {
            await agent.StartAsync(good.RunId);
            await agent.ReportAsync(good.RunId, "loss", 1.0, 0.5, 0.2);
            await agent.EndAsync(good.RunId, TrialOutcome.Completed);
        }
        return (sweep, agent, trials[2]);
    }
}
