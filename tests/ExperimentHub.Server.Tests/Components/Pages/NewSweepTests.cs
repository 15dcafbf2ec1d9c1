using Bunit;
using ExperimentHub.Server.Components.Pages.Sweeps;
using ExperimentHub.Server.Components.Services.Models;
using Microsoft.AspNetCore.Components;
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
}
