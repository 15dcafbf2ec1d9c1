using Bunit;
using ExperimentHub.Server.Components.Pages.Agents;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class AgentListTests
{
    [Fact]
    public async Task With_no_agent_it_shows_the_command_that_starts_one_against_this_server()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<AgentList>();
        var empty = cut.WaitForElement("[data-testid=agents-empty]");
        Assert.Contains("ehub agent --server http://localhost --api-key", empty.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_each_agent_with_its_state_gpus_and_running_trials()
    {
        var queries = new FakeDashboardQueries();
        queries.Agents.Add(new AgentRow("a1", "gpu-box", "host1", true, 2, [new GpuRow(0, "H100", 81920)],
            [new AgentTrialRow(42, "trial 3", 5, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow, "1.0"));
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<AgentList>();
        var grid = cut.WaitForElement("[data-testid=agents-grid]");
        Assert.Contains("gpu-box", grid.TextContent, StringComparison.Ordinal);
        Assert.Contains("H100", grid.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 of 2 busy", grid.TextContent, StringComparison.Ordinal);
        Assert.NotNull(grid.QuerySelector("a[href='runs/42']"));
        Assert.Equal("online", grid.QuerySelector(".eh-status")!.GetAttribute("data-status"));
    }
}
