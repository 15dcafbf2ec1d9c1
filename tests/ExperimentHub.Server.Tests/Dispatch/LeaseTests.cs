using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Tests.Dispatch;

public sealed class LeaseTests : DispatchTestBase
{
    [Fact]
    public async Task Many_agents_racing_for_few_trials_never_lease_one_twice()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 6, parallel: 6));
        await WaitForSweepAsync(sweep, s => s.TrialsPending == 6, "six pending trials");
        var agents = Enumerable.Range(0, 40).Select(i => Agent($"racer-{i}")).ToList();
        await Task.WhenAll(agents.Select(a => a.RegisterAsync(slots: 2)));

        using var start = new ManualResetEventSlim();
        var races = agents.Select(a => Task.Run(async () =>
        {
            start.Wait();
            return (a.Id, Trials: await a.RequestAsync(slots: 2));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(races);

        var leased = results.SelectMany(r => r.Trials.Select(t => (r.Id, t.RunId))).ToList();
        Assert.Equal(6, leased.Count);
        Assert.Equal(6, leased.Select(l => l.RunId).Distinct().Count());
        var trials = await TrialsAsync(sweep);
        Assert.All(trials, t => Assert.Equal("leased", t.Status));
        Assert.All(trials, t => Assert.Equal(leased.Single(l => l.RunId == t.RunId).Id, t.AgentId));
    }

    [Fact]
    public async Task Two_servers_racing_on_one_database_never_lease_one_trial_twice()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 12, parallel: 12));
        await WaitForSweepAsync(sweep, s => s.TrialsPending == 12, "twelve pending trials");
        // A second server's queue: its own write gate, so only the database keeps the two apart.
        var services = Host.Services;
        var other = new TrialLeaseStore(
            services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>(), new WriteGate(), services.GetRequiredService<ApiKeyIssuer>(),
            services.GetRequiredService<SweepSpecCache>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<IOptions<DispatchOptions>>());
        var queues = new[] { services.GetRequiredService<TrialLeaseStore>(), other };

        using var start = new ManualResetEventSlim();
        var races = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var agent = $"server-{i % 2}-agent-{i}";
            return (Agent: agent, Trials: await queues[i % 2].LeaseAsync(agent, 1, 0, CancellationToken.None));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(races);

        var leased = results.SelectMany(r => r.Trials.Select(t => (r.Agent, t.RunId))).ToList();
        Assert.Equal(12, leased.Count);
        Assert.Equal(12, leased.Select(l => l.RunId).Distinct().Count());
        var trials = await TrialsAsync(sweep);
        Assert.All(trials, t => Assert.Equal(leased.Single(l => l.RunId == t.RunId).Agent, t.AgentId));
    }

    [Fact]
    public async Task Expired_lease_is_requeued_and_runs_again_on_another_agent()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 1, parallel: 1));
        var lost = Agent("lost");
        await lost.RegisterAsync();
        var first = (await Eventually.GetAsync(() => lost.RequestAsync(), a => a.Count == 1, "a lease"))[0];
        Assert.True(await lost.StartAsync(first.RunId));
        Assert.Equal(1, first.Attempt);

        // No heartbeat: once LeaseSeconds pass, the reaper puts the trial back in the queue.
        Host.Clock.Advance(TimeSpan.FromSeconds(31));
        await Host.ReapAsync();
        var requeued = await TrialsAsync(sweep);
        Assert.Equal("pending", requeued[0].Status);
        Assert.Contains("stopped heartbeating", requeued[0].Error, StringComparison.Ordinal);

        var other = Agent("other");
        await other.RegisterAsync();
        var second = (await other.RequestAsync())[0];
        Assert.Equal(first.RunId, second.RunId);
        Assert.Equal(2, second.Attempt);

        // The lost agent's late reports are refused: it no longer holds the trial.
        Assert.False(await lost.StartAsync(first.RunId));
        Assert.Equal(new[] { first.RunId }, await Host.Work.HeartbeatAsync("lost", new Heartbeat([first.RunId]), CancellationToken.None));
        await lost.EndAsync(first.RunId, TrialOutcome.Completed);
        Assert.Equal("leased", (await TrialsAsync(sweep))[0].Status);

        Assert.True(await other.StartAsync(second.RunId));
        await other.EndAsync(second.RunId, TrialOutcome.Completed);
        var done = await WaitForSweepAsync(sweep, s => s.Status == "completed", "the sweep to complete");
        Assert.Equal(1, done.TrialsCompleted);
        Assert.Equal(1, done.TrialsTotal);
    }

    [Fact]
    public async Task Agent_that_reattaches_before_its_lease_expires_keeps_its_trial()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 1, parallel: 1));
        var agent = Agent("flaky-network");
        await agent.RegisterAsync();
        var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a lease"))[0];
        await agent.StartAsync(trial.RunId);

        // Reconnect within the lease, again and again, for longer than one lease in all: each reattach extends it.
        for (var i = 0; i < 4; i++)
        {
            Host.Clock.Advance(TimeSpan.FromSeconds(20));
            await agent.RegisterAsync();
            Assert.Equal(new[] { trial.RunId }, await Host.Work.ReattachAsync("flaky-network", [trial.RunId], CancellationToken.None));
            await Host.ReapAsync();
        }
        Assert.Equal("running", (await TrialsAsync(sweep))[0].Status);
        Assert.Equal(1, (await TrialsAsync(sweep))[0].Attempt);

        await agent.EndAsync(trial.RunId, TrialOutcome.Completed);
        await WaitForSweepAsync(sweep, s => s.Status == "completed", "the sweep to complete");
    }

    [Fact]
    public async Task A_server_down_longer_than_a_lease_gives_its_agents_one_lease_to_come_back_before_requeuing()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 1, parallel: 1));
        var agent = Agent("away-while-the-server-was-down");
        await agent.RegisterAsync();
        var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a lease"))[0];
        await agent.StartAsync(trial.RunId);

        // Down for two minutes, four leases: no agent could heartbeat in that time, so the first look requeues nothing.
        Restart(downFor: TimeSpan.FromMinutes(2));
        await Host.ReapAsync();
        Assert.Equal("running", Assert.Single(await TrialsAsync(sweep)).Status);

        // An agent that does not come back within one lease of the start loses its trial as usual.
        Host.Clock.Advance(TimeSpan.FromSeconds(31));
        await Host.ReapAsync();
        Assert.Equal("pending", Assert.Single(await TrialsAsync(sweep)).Status);
    }

    [Fact]
    public async Task Reattach_after_the_trial_was_requeued_is_refused()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 1, parallel: 1));
        var agent = Agent("gone-too-long");
        await agent.RegisterAsync();
        var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a lease"))[0];
        await agent.StartAsync(trial.RunId);
        Host.Clock.Advance(TimeSpan.FromSeconds(31));
        await Host.ReapAsync();
        Assert.Equal("pending", (await TrialsAsync(sweep))[0].Status);

        await agent.RegisterAsync();
        Assert.Empty(await Host.Work.ReattachAsync("gone-too-long", [trial.RunId], CancellationToken.None));
    }

    [Fact]
    public async Task Trials_needing_gpus_go_only_to_agents_with_enough_free_gpus()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 3, parallel: 3, extra: "trial: {gpus: 2}\n"));
        await WaitForSweepAsync(sweep, s => s.TrialsPending == 3, "three pending trials");
        var cpu = Agent("cpu-only");
        var small = Agent("one-gpu");
        var big = Agent("three-gpus");
        Assert.Empty(await cpu.RequestAsync(slots: 4, gpus: 0));
        Assert.Empty(await small.RequestAsync(slots: 4, gpus: 1));
        var leased = await big.RequestAsync(slots: 4, gpus: 3);
        Assert.Single(leased);
        Assert.Equal(2, leased[0].GpuCount);
        Assert.Equal(2, (await Agent("five-gpus").RequestAsync(slots: 4, gpus: 5)).Count);
    }
}
