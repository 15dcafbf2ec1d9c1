using Bunit;
using ExperimentHub.Server.Components.Pages.Agents;
using ExperimentHub.Server.Components.Pages.Sweeps;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>The Agents page's instances and jobs, and the sweep page's cost card.</summary>
public sealed class ComputeViewsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Agents_page_shows_each_instance_and_job_with_state_type_price_uptime_and_cost()
    {
        var compute = new FakeComputeQueries();
        compute.Instances.Add(new ComputeInstanceRow(2, 7, "ec2", "i-0abc", "g5.xlarge", true, 0.5, "running", null, Now.AddMinutes(-30), null, Now.AddMinutes(-30)));
        compute.Instances.Add(new ComputeInstanceRow(1, 7, "ec2", "i-0old", "g5.xlarge", true, 0.4, "terminated", "it is gone (a spot interruption)",
            Now.AddHours(-3), Now.AddHours(-1), Now.AddHours(-3)));
        compute.Instances.Add(new ComputeInstanceRow(3, 8, "slurm", "4711", "partition gpu", false, null, "pending", "waiting for its agent to register",
            Now.AddMinutes(-2), null, null));
        // A priced Slurm job costs from when its agent registered (an hour after its submit), not while it queued.
        compute.Instances.Add(new ComputeInstanceRow(4, 8, "slurm", "4712", "partition gpu", false, 2.0, "terminated",
            "timeout: the Slurm job reached its time limit (sacct)", Now.AddHours(-3), Now.AddHours(-1), Now.AddHours(-2)));
        await using var ctx = ComponentTests.Create(compute: compute);
        ctx.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));

        var cut = ctx.RenderHosted<AgentList>();
        var grid = cut.WaitForElement("[data-testid=compute-grid]");
        var rows = grid.QuerySelectorAll("tbody tr");
        Assert.Equal(4, rows.Length);
        var running = rows.Single(r => r.TextContent.Contains("i-0abc", StringComparison.Ordinal));
        Assert.Equal("running", running.QuerySelector(".eh-status")!.GetAttribute("data-status"));
        Assert.Contains("g5.xlarge · spot", running.TextContent, StringComparison.Ordinal);
        Assert.Equal("$0.5000/h", running.QuerySelector("[data-testid=compute-price]")!.TextContent);
        Assert.Equal("30 min 0 s", running.QuerySelector("[data-testid=compute-uptime]")!.TextContent);
        Assert.Equal("$0.2500", running.QuerySelector("[data-testid=compute-cost]")!.TextContent);
        Assert.NotNull(running.QuerySelector("a[href='sweeps/7']"));
        var ended = rows.Single(r => r.TextContent.Contains("i-0old", StringComparison.Ordinal));
        Assert.Equal("$0.8000", ended.QuerySelector("[data-testid=compute-cost]")!.TextContent);
        Assert.Equal("2 h 0 min", ended.QuerySelector("[data-testid=compute-uptime]")!.TextContent);
        Assert.Contains("spot interruption", ended.QuerySelector("[data-testid=compute-reason]")!.TextContent, StringComparison.Ordinal);
        var job = rows.Single(r => r.TextContent.Contains("4711", StringComparison.Ordinal));
        Assert.Equal("—", job.QuerySelector("[data-testid=compute-cost]")!.TextContent);
        Assert.Equal("—", job.QuerySelector("[data-testid=compute-price]")!.TextContent);
        var timedOut = rows.Single(r => r.TextContent.Contains("4712", StringComparison.Ordinal));
        Assert.Equal("$2.00", timedOut.QuerySelector("[data-testid=compute-cost]")!.TextContent);
        Assert.StartsWith("timeout:", timedOut.QuerySelector("[data-testid=compute-reason]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_page_without_instances_shows_no_compute_grid()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<AgentList>();
        cut.WaitForElement("[data-testid=agents-empty]");
        Assert.Empty(cut.FindAll("[data-testid=compute-grid]"));
    }

    [Fact]
    public async Task Sweep_cost_card_shows_the_cost_against_the_budget_and_the_capacity_problem()
    {
        var compute = new FakeComputeQueries();
        compute.Sweeps[5] = new SweepCompute("ec2", 2, 3, 1.234, 5, "EC2 refused to launch a g5.xlarge spot instance: InsufficientInstanceCapacity", []);
        await using var ctx = ComponentTests.Create(compute: compute);

        var cut = ctx.RenderHosted<SweepComputeCard>(("SweepId", 5L));
        var card = cut.WaitForElement("[data-testid=sweep-compute]");
        Assert.Contains("ec2", card.TextContent, StringComparison.Ordinal);
        var cost = cut.Find("[data-testid=sweep-cost]");
        Assert.Contains("$1.23", cost.TextContent, StringComparison.Ordinal);
        Assert.Contains("cost of $5.00", cost.TextContent, StringComparison.Ordinal);
        Assert.Contains("InsufficientInstanceCapacity", cut.Find("[data-testid=compute-problem]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_cost_card_shows_how_its_latest_jobs_ended()
    {
        var compute = new FakeComputeQueries();
        compute.Sweeps[6] = new SweepCompute("slurm", 1, 3, null, null, null,
            [new ComputeEnd("4712", "timeout: the Slurm job reached its time limit (sacct)"), new ComputeEnd("4711", "cancelled: the Slurm job was cancelled (scancel, or by an administrator) (sacct)")]);
        await using var ctx = ComponentTests.Create(compute: compute);

        var cut = ctx.RenderHosted<SweepComputeCard>(("SweepId", 6L));
        cut.WaitForElement("[data-testid=sweep-compute]");
        var ends = cut.FindAll("[data-testid=compute-end]");
        Assert.Equal(["4712: timeout: the Slurm job reached its time limit (sacct)", "4711: cancelled: the Slurm job was cancelled (scancel, or by an administrator) (sacct)"],
            ends.Select(e => e.TextContent.Trim()));
        Assert.Contains("jobs running", cut.Find("[data-testid=sweep-compute]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_cost_card_is_empty_for_a_sweep_on_agents()
    {
        await using var ctx = ComponentTests.Create(compute: new FakeComputeQueries());
        var cut = ctx.RenderHosted<SweepComputeCard>(("SweepId", 5L));
        Assert.Empty(cut.FindAll("[data-testid=sweep-compute]"));
    }

    [Fact]
    public async Task A_sweep_on_agents_says_when_its_trials_will_queue_and_follows_the_agents_as_they_come_and_go()
    {
        var compute = new FakeComputeQueries();
        compute.Shortfalls[5] = "4 trials at a time requested, 2 slots free on 1 agent (2 slots in all): at most 2 run at once, the others queue.";
        await using var ctx = ComponentTests.Create(compute: compute);
        var events = ctx.Services.GetRequiredService<IExperimentEvents>();

        var cut = ctx.RenderHosted<SweepComputeCard>(("SweepId", 5L));
        Assert.Contains("2 slots free on 1 agent", cut.Find("[data-testid=capacity-shortfall]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=sweep-compute]"));

        // A second agent connects: the page reads the capacity again when the agents change.
        compute.Shortfalls.TryRemove(5, out _);
        events.Publish(ExperimentTopic.Agents);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=capacity-shortfall]")));

        // It goes away again.
        compute.Shortfalls[5] = "4 trials at a time requested, 0 slots free on 1 agent (1 slot in all): none runs until a slot frees up.";
        events.Publish(ExperimentTopic.Agents);
        cut.WaitForAssertion(() => Assert.Contains("none runs until a slot frees up", cut.Find("[data-testid=capacity-shortfall]").TextContent, StringComparison.Ordinal));
    }
}
