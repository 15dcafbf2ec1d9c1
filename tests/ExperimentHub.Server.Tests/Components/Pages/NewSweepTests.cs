using Bunit;
using ExperimentHub.Server.Components.Pages.Sweeps;
using ExperimentHub.Server.Components.Services.Models;
using Microsoft.AspNetCore.Components;
using ExperimentHub.Server.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class NewSweepTests
{
    [Fact]
    public async Task The_starting_form_is_a_valid_spec_and_can_launch()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<NewSweep>(("ProjectKey", "vision"));
        Assert.False(cut.WaitForElement("[data-testid=launch]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("ul.eh-issues"));
    }

    [Fact]
    public async Task A_bad_bound_shows_its_error_at_that_parameter_and_disables_launch()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<NewSweep>(("ProjectKey", "vision"));
        var name = cut.WaitForElement("[data-parameter] input[aria-label='Parameter 1 name']").GetAttribute("value");
        cut.Find("[data-parameter] [data-bound=max] input, [data-parameter] input[data-bound=max]").Change("-5");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"ul.eh-issues[data-field='parameters.{name}']")));
        Assert.True(cut.Find("[data-testid=launch]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Launch_submits_the_spec_and_opens_the_new_sweep()
    {
        var commands = new FakeDashboardCommands { SubmittedSweepId = 31 };
        await using var ctx = ComponentTests.Create(commands: commands);
        var cut = ctx.RenderHosted<NewSweep>(("ProjectKey", "vision"));
        cut.WaitForElement("[data-testid=launch]").Click();
        cut.WaitForAssertion(() => Assert.EndsWith("sweeps/31", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Contains("objectives:", commands.SubmittedSpec, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_launch_says_why_and_stays_on_the_form()
    {
        var commands = new FakeDashboardCommands { SubmitErrors = [new SpecIssue("", null, null, "No agent can run GPU trials.")] };
        await using var ctx = ComponentTests.Create(commands: commands);
        var cut = ctx.RenderHosted<NewSweep>(("ProjectKey", "vision"));
        cut.WaitForElement("[data-testid=launch]").Click();
        cut.WaitForAssertion(() => Assert.Contains("No agent can run GPU trials.", cut.Find("[data-testid=submit-error]").TextContent, StringComparison.Ordinal));
        Assert.EndsWith("/", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_working_folder_no_agent_has_is_named_at_its_field_and_blocks_the_launch()
    {
        var checks = new FakeLaunchChecks();
        checks.Notes.Add(new LaunchNote("workdir", true, "The working folder 'nowhere' does not exist on this server."));
        var commands = new FakeDashboardCommands();
        await using var ctx = ComponentTests.Create(commands: commands, launchChecks: checks);
        var cut = ctx.RenderHosted<NewSweep>(("ProjectKey", "vision"));

        cut.Find("input[aria-label='Working folder']").Change("nowhere");

        cut.WaitForAssertion(() => Assert.Equal("nowhere", checks.Checked[^1].Workdir));
        var note = cut.Find("[data-testid=launch-note][data-field=workdir]");
        Assert.Contains("does not exist on this server", note.TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=launch]").HasAttribute("disabled"));
        Assert.Empty(commands.Calls);
    }

    [Fact]
    public async Task More_parallel_trials_than_free_slots_is_a_note_that_does_not_block()
    {
        var checks = new FakeLaunchChecks();
        checks.Notes.Add(new LaunchNote("budget.parallel", false, "4 trials at a time are asked for, but the connected agents have 2 slots free now."));
        await using var ctx = ComponentTests.Create(launchChecks: checks);
        var cut = ctx.RenderHosted<NewSweep>(("ProjectKey", "vision"));

        cut.Find("input[aria-label='In parallel']").Change("4");

        cut.WaitForAssertion(() => Assert.Equal(4, checks.Checked[^1].Parallel));
        Assert.Equal("false", cut.Find("[data-testid=launch-note][data-field='budget.parallel']").GetAttribute("data-blocks"));
        Assert.False(cut.Find("[data-testid=launch]").HasAttribute("disabled"));
    }
}
