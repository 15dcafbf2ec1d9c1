using System.Net;
using System.Net.Http.Json;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Server.Tests.Dispatch;

public sealed class SweepLifecycleTests : DispatchTestBase
{
    [Fact]
    public async Task Budget_is_never_overshot_through_retries_and_lost_agents()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 7, parallel: 3, extra: "trial: {retries: 1}\n"));
        var steady = Agent("steady");
        var failing = Agent("failing");
        var vanishing = Agent("vanishing");

        // One failure per trial is retried on the same row; a vanished agent's trial is requeued on the same row.
        var lost = (await Eventually.GetAsync(() => vanishing.RequestAsync(), a => a.Count == 1, "a trial to lose"))[0];
        await vanishing.StartAsync(lost.RunId);
        var failed = (await Eventually.GetAsync(() => failing.RequestAsync(), a => a.Count == 1, "a trial to fail"))[0];
        await failing.StartAsync(failed.RunId);
        await failing.EndAsync(failed.RunId, TrialOutcome.Failed, 3, "CUDA out of memory");
        Host.Clock.Advance(TimeSpan.FromSeconds(31));
        await Host.ReapAsync();

        var done = 0;
        while ((await SweepAsync(sweep)).Status == "running")
        {
            var batch = await steady.RequestAsync(slots: 3);
            foreach (var trial in batch)
            {
                await steady.StartAsync(trial.RunId);
                await steady.ReportAsync(trial.RunId, "loss", 1.0 / (trial.TrialNumber + 1));
                await steady.EndAsync(trial.RunId, TrialOutcome.Completed);
                done++;
            }
            Assert.True(done <= 7, "more trials ran than the budget");
            if (batch.Count == 0)
            {
                await WaitForSweepAsync(sweep, s => s.Status != "running" || s.TrialsPending > 0, "more work or the end");
            }
        }

        var final = await SweepAsync(sweep);
        Assert.Equal("completed", final.Status);
        Assert.Equal(7, final.TrialsTotal);
        Assert.Equal(7, final.TrialsCompleted);
        var trials = await TrialsAsync(sweep);
        Assert.Equal(Enumerable.Range(1, 7), trials.Select(t => t.TrialNumber));
        Assert.Equal(2, trials.Single(t => t.RunId == failed.RunId).Attempt);
        Assert.Equal(2, trials.Single(t => t.RunId == lost.RunId).Attempt);
        Assert.NotNull(final.Best);
        Assert.Equal(trials.Where(t => t.Status == "completed").MinBy(t => t.Metrics["loss"])!.RunId, final.Best!.RunId);
    }

    [Fact]
    public async Task Consecutive_failures_pause_the_sweep_with_the_reason()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 20, parallel: 2, failures: 3));
        var agent = Agent("broken-env");
        for (var i = 0; i < 3; i++)
        {
            var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a trial"))[0];
            await agent.StartAsync(trial.RunId);
            await agent.EndAsync(trial.RunId, TrialOutcome.Failed, 2, "ModuleNotFoundError: No module named 'torch'");
        }

        var paused = await WaitForSweepAsync(sweep, s => s.Status == "paused", "the sweep to pause itself");
        Assert.StartsWith("paused after 3 consecutive failed trials: last error", paused.StatusReason, StringComparison.Ordinal);
        Assert.Contains("No module named 'torch'", paused.StatusReason, StringComparison.Ordinal);
        Assert.Empty(await agent.RequestAsync(slots: 5));

        // Resumed, the streak counts afresh: a success keeps it going.
        using var client = Host.CreateAdminClient();
        using (var resumed = await client.PostAsync($"/api/v1/sweeps/{sweep}/resume", null))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }
        await agent.RunOneAsync();
        Assert.Equal("running", (await SweepAsync(sweep)).Status);
    }

    [Fact]
    public async Task Pause_and_resume_survive_a_server_restart()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 4, parallel: 2));
        await Agent("before").RunOneAsync();
        using (var client = Host.CreateAdminClient())
        using (var pause = await client.PostAsync($"/api/v1/sweeps/{sweep}/pause", null))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        Restart();
        Assert.Equal("paused", (await SweepAsync(sweep)).Status);
        var agent = Agent("after");
        await agent.RegisterAsync();
        Assert.Empty(await agent.RequestAsync(slots: 4));

        using (var client = Host.CreateAdminClient())
        using (var resume = await client.PostAsync($"/api/v1/sweeps/{sweep}/resume", null))
        {
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }
        Restart();
        Assert.Equal("running", (await SweepAsync(sweep)).Status);
        agent = Agent("after-again");
        for (var i = 0; i < 3; i++)
        {
            await agent.RunOneAsync();
        }
        var done = await WaitForSweepAsync(sweep, s => s.Status == "completed", "the sweep to complete");
        Assert.Equal(4, done.TrialsCompleted);
    }

    [Fact]
    public async Task A_completed_sweep_extended_continues_from_its_history()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 2, parallel: 2));
        var agent = Agent("worker");
        await agent.RunOneAsync(0.9);
        await agent.RunOneAsync(0.4);
        var completed = await WaitForSweepAsync(sweep, s => s.Status == "completed", "the sweep to complete");
        Assert.Equal("ran its budget of 2 trials", completed.StatusReason);

        using var client = Host.CreateAdminClient();
        using (var extend = await client.PostAsJsonAsync($"/api/v1/sweeps/{sweep}/extend", new { trials = 2 }))
        {
            Assert.Equal(HttpStatusCode.OK, extend.StatusCode);
        }
        Assert.Equal("running", (await SweepAsync(sweep)).Status);
        var third = await agent.RunOneAsync(0.1);
        await agent.RunOneAsync(0.7);
        var done = await WaitForSweepAsync(sweep, s => s.Status == "completed", "the extended sweep to complete");
        Assert.Equal(4, done.TrialsTotal);
        Assert.Equal(4, done.Budget.Trials);
        Assert.Equal(third.RunId, done.Best!.RunId);
        var trials = await TrialsAsync(sweep);
        Assert.Equal(new[] { 1, 2, 3, 4 }, trials.Select(t => t.TrialNumber));
        Assert.Equal(4, trials.Select(t => t.Params.GetRawText()).Distinct().Count());
    }

    [Fact]
    public async Task A_trial_past_its_timeout_is_marked_timed_out_and_its_agent_told_to_stop()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 1, parallel: 1, extra: "trial: {timeout_minutes: 1}\n"));
        var agent = Agent("slow");
        var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a trial"))[0];
        Assert.Equal(60, trial.TimeoutSeconds);
        await agent.StartAsync(trial.RunId);
        // Heartbeats keep the lease: only the timeout ends it. The clock moves in steps shorter than the lease, with a
        // heartbeat after each, so the background reaper never sees an expired lease while the test runs.
        foreach (var seconds in new[] { 20, 20, 21 })
        {
            Host.Clock.Advance(TimeSpan.FromSeconds(seconds));
            await Host.Work.HeartbeatAsync("slow", new Heartbeat([trial.RunId]), CancellationToken.None);
        }
        await Host.ReapAsync();

        var trials = await TrialsAsync(sweep);
        Assert.Equal("timed_out", trials[0].Status);
        Assert.Contains("timeout of 1 minutes", trials[0].Error, StringComparison.Ordinal);
        // The background reaper may have got there first and be telling the agent right now: wait for the message.
        await Eventually.TrueAsync(() => Task.FromResult(Host.Notifier.Stops.Any(s => s.AgentId == "slow" && s.RunId == trial.RunId && s.Reason.Contains("timeout", StringComparison.Ordinal))),
            "the slow agent told to stop its timed-out trial");

        // The agent's report of the stop keeps the status and adds the exit code.
        await agent.EndAsync(trial.RunId, TrialOutcome.Stopped, 143);
        trials = await TrialsAsync(sweep);
        Assert.Equal("timed_out", trials[0].Status);
        Assert.Equal(143, trials[0].ExitCode);
        await WaitForSweepAsync(sweep, s => s.Status == "completed", "the sweep to complete");
    }

    [Fact]
    public async Task Stopping_a_sweep_stops_its_running_trials()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 10, parallel: 3));
        var agent = Agent("busy");
        var trials = await Eventually.GetAsync(() => agent.RequestAsync(slots: 2), a => a.Count == 2, "two trials");
        await agent.StartAsync(trials[0].RunId);

        using var client = Host.CreateAdminClient();
        using (var stop = await client.PostAsync($"/api/v1/sweeps/{sweep}/stop", null))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }
        var all = await TrialsAsync(sweep);
        Assert.All(all, t => Assert.Equal("stopped", t.Status));
        Assert.Equal(trials.Select(t => t.RunId).Order(), Host.Notifier.Stops.Where(s => s.AgentId == "busy").Select(s => s.RunId).Order());
        using var again = await client.PostAsync($"/api/v1/sweeps/{sweep}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
