using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Compute;

/// <summary>The terminator's rules, one pass at a time on a fake clock, against an in-memory backend.</summary>
public sealed class InstanceTerminatorTests() : ComputeTestBase(new Dictionary<string, string>
{
    ["ExperimentHub:Compute:RegistrationMinutes"] = "15",
    ["ExperimentHub:Compute:HeartbeatMinutes"] = "5",
    ["ExperimentHub:Compute:MaxLifetimeHours"] = "2",
    // Leases outlive the clock's jumps, so that a trial stays with its agent while the test moves time by minutes.
    ["ExperimentHub:Dispatch:LeaseSeconds"] = "36000",
})
{
    [Fact]
    public async Task Instances_of_a_paused_sweep_are_terminated_and_their_keys_revoked()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 2, instances: 2));
        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, Backend.Running.Count);

        await PassAsync();
        Assert.Empty(Backend.Stopped);

        await Sweeps.PauseAsync(sweep, CancellationToken.None);
        await PassAsync();
        Assert.Empty(Backend.Running);
        var rows = await InstancesAsync(sweep);
        Assert.All(rows, r =>
        {
            Assert.Equal(ComputeInstanceState.Terminated, r.State);
            Assert.Equal("its sweep is paused", r.StateReason);
        });
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ExperimentHub.Server.Data.ExperimentHubDb>>().CreateDbContextAsync();
        var keys = rows.Select(r => r.ApiKeyId).ToList();
        Assert.All(db.ApiKeys.Where(k => keys.Contains(k.Id)).ToList(), k => Assert.NotNull(k.RevokedAt));

        // A paused sweep gets no new instances.
        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, Backend.Started.Count);
    }

    [Fact]
    public async Task An_instance_whose_agent_never_registers_is_terminated_after_the_registration_window()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        await Scaler.RunOnceAsync(CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(14));
        await PassAsync();
        Assert.Single(Backend.Running);

        Clock.Advance(TimeSpan.FromMinutes(2));
        await PassAsync();
        Assert.Empty(Backend.Running);
        var row = Assert.Single(await InstancesAsync(sweep));
        Assert.Equal("its agent did not register within 15 minutes", row.StateReason);

        // The scaler replaces it: the sweep still has work.
        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.Single(Backend.Running);
    }

    [Fact]
    public async Task An_instance_whose_agent_stops_heartbeating_is_terminated()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        await Scaler.RunOnceAsync(CancellationToken.None);
        var agent = await RegisterAgentAsync(Assert.Single(await InstancesAsync(sweep)));
        Assert.Equal(ComputeInstanceState.Running, Assert.Single(await InstancesAsync(sweep)).State);

        Clock.Advance(TimeSpan.FromMinutes(4));
        await Work.HeartbeatAsync(agent.Id, new Heartbeat([]), CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(4));
        await PassAsync();
        Assert.Single(Backend.Running);

        Clock.Advance(TimeSpan.FromMinutes(2));
        await PassAsync();
        Assert.Empty(Backend.Running);
        Assert.StartsWith("its agent stopped heartbeating", Assert.Single(await InstancesAsync(sweep)).StateReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_past_its_maximum_lifetime_is_terminated_even_while_busy()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        await Scaler.RunOnceAsync(CancellationToken.None);
        var agent = await RegisterAgentAsync(Assert.Single(await InstancesAsync(sweep)));
        var trial = Assert.Single(await LeaseAsync(agent, sweep));
        for (var minutes = 0; minutes < 116; minutes += 4)
        {
            Clock.Advance(TimeSpan.FromMinutes(4));
            await Work.HeartbeatAsync(agent.Id, new Heartbeat([trial.RunId]), CancellationToken.None);
        }
        await PassAsync();
        var kept = Assert.Single(await InstancesAsync(sweep));
        Assert.True(kept.State == ComputeInstanceState.Running, $"{kept.State}: {kept.StateReason}");
        Assert.Single(Backend.Running);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Work.HeartbeatAsync(agent.Id, new Heartbeat([trial.RunId]), CancellationToken.None);
        await PassAsync();
        Assert.Empty(Backend.Running);
        Assert.Equal("it passed its maximum lifetime of 2 hours", Assert.Single(await InstancesAsync(sweep)).StateReason);
    }

    [Fact]
    public async Task An_idle_instance_goes_when_no_work_is_left_while_a_busy_one_stays()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 2, parallel: 2, instances: 2));
        await Scaler.RunOnceAsync(CancellationToken.None);
        var rows = await InstancesAsync(sweep);
        Assert.Equal(2, rows.Count);
        var first = await RegisterAgentAsync(rows[0]);
        var second = await RegisterAgentAsync(rows[1]);
        var mine = Assert.Single(await LeaseAsync(first, sweep));
        Assert.Single(await LeaseAsync(second, sweep));

        await PassAsync();
        Assert.Equal(2, Backend.Running.Count);

        await first.StartAsync(mine.RunId);
        await first.EndAsync(mine.RunId, TrialOutcome.Completed);
        await PassAsync();
        Assert.Equal([rows[1].ExternalId], Backend.Running);
        Assert.Equal("no work is left for it", (await InstancesAsync(sweep))[0].StateReason);
    }

    [Fact]
    public async Task Instances_that_would_pass_the_cost_budget_are_terminated_and_the_sweep_completes()
    {
        // Two instances at $1/h, $0.50 in all, passes a minute apart: at 13 min the sweep has spent $0.43 and the next
        // minute costs $0.03; at 15 min the next minute would take it past $0.50.
        var sweep = await SubmitAsync(Ec2Spec(trials: 10, parallel: 2, instances: 2, budgetExtra: ", dollars: 0.5"));
        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, Backend.Running.Count);
        var rows = await InstancesAsync(sweep);
        foreach (var row in rows)
        {
            await RegisterAgentAsync(row);
        }
        for (var minute = 1; minute <= 13; minute++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            foreach (var row in rows)
            {
                await Work.HeartbeatAsync("agent-" + row.ExternalId, new Heartbeat([]), CancellationToken.None);
            }
            await PassAsync();
        }
        Assert.Equal(2, Backend.Running.Count);

        Clock.Advance(TimeSpan.FromMinutes(2));
        await PassAsync();
        Assert.Empty(Backend.Running);
        Assert.All(await InstancesAsync(sweep), r => Assert.StartsWith("its sweep would pass its cost budget of $0.5", r.StateReason, StringComparison.Ordinal));
        var dto = (await Sweeps.GetAsync(sweep, CancellationToken.None))!;
        Assert.Equal("completed", dto.Status);
        Assert.StartsWith("reached its cost budget", dto.StatusReason, StringComparison.Ordinal);
        Assert.Equal(0.5, dto.CostDollars!.Value, 3);

        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, Backend.Started.Count);
    }

    [Fact]
    public async Task Tagged_instances_that_no_sweep_knows_are_terminated_and_known_ones_kept()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        await Scaler.RunOnceAsync(CancellationToken.None);
        var known = Assert.Single(Backend.Running);
        Backend.AddStranger("i-left-by-a-crash", sweep);
        Backend.AddStranger("i-of-a-deleted-sweep", 999);

        await PassAsync();
        Assert.Equal([known], Backend.Running);
        Assert.Equal(["i-left-by-a-crash", "i-of-a-deleted-sweep"], Backend.Stopped.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_vanished_spot_instance_is_marked_gone_and_replaced()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        await Scaler.RunOnceAsync(CancellationToken.None);
        var first = Assert.Single(Backend.Running);
        Clock.Advance(TimeSpan.FromMinutes(5));
        Backend.Vanish(first);

        await PassAsync();
        var row = Assert.Single(await InstancesAsync(sweep));
        Assert.Equal(ComputeInstanceState.Terminated, row.State);
        Assert.StartsWith("it is gone (a spot interruption", row.StateReason, StringComparison.Ordinal);
        Assert.Empty(Backend.Stopped);

        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.NotEqual(first, Assert.Single(Backend.Running));
    }

    [Fact]
    public async Task A_replacement_for_a_reclaimed_instance_waits_for_the_trial_its_agent_still_holds()
    {
        // The last trial runs on a spot instance that is reclaimed before its agent hands the trial back: the trial
        // stays leased to the gone agent until the lease ends, then waits again. The scaler starts a replacement for
        // it at once, and the terminator must not take that one for idle (the two took turns: start, kill, start...).
        var sweep = await SubmitAsync(Ec2Spec(trials: 1, parallel: 1, instances: 1));
        await Scaler.RunOnceAsync(CancellationToken.None);
        var first = Assert.Single(await InstancesAsync(sweep));
        var agent = await RegisterAgentAsync(first);
        var trial = Assert.Single(await LeaseAsync(agent, sweep));
        await agent.StartAsync(trial.RunId);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Backend.Vanish(first.ExternalId);
        await PassAsync();

        for (var pass = 0; pass < 3; pass++)
        {
            await Scaler.RunOnceAsync(CancellationToken.None);
            await PassAsync();
        }
        Assert.Equal(2, Backend.Started.Count);
        var replacement = Assert.Single(Backend.Running);
        Assert.NotEqual(first.ExternalId, replacement);
        Assert.Equal(ComputeInstanceState.Pending, (await InstancesAsync(sweep)).Single(r => r.ExternalId == replacement).State);
    }

    [Fact]
    public async Task A_vanished_unit_is_marked_with_how_its_engine_says_it_ended()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        await Scaler.RunOnceAsync(CancellationToken.None);
        var first = Assert.Single(Backend.Running);
        Clock.Advance(TimeSpan.FromMinutes(5));
        Backend.Vanish(first, "timeout: the Slurm job reached its time limit (sacct)");

        await PassAsync();
        var row = Assert.Single(await InstancesAsync(sweep));
        Assert.Equal(ComputeInstanceState.Terminated, row.State);
        Assert.Equal("timeout: the Slurm job reached its time limit (sacct)", row.StateReason);
        Assert.Empty(Backend.Stopped);
    }
}
