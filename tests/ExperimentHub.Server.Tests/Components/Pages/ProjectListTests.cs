using Bunit;
using ExperimentHub.Server.Components.Dialogs;
using ExperimentHub.Server.Components.Pages.Projects;
using ExperimentHub.Server.Components.Services.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class ProjectListTests
{
    [Fact]
    public async Task With_no_projects_it_says_how_to_create_one()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<ProjectList>();
        var empty = cut.WaitForElement("[data-testid=projects-empty]");
        Assert.Contains("New project", empty.TextContent, StringComparison.Ordinal);
        Assert.Contains("eh.init(project=", empty.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=projects-grid]"));
    }

    [Fact]
    public async Task Lists_each_project_with_a_link_and_its_counts()
    {
        var queries = new FakeDashboardQueries();
        queries.Projects.Add(new ProjectSummary(1, "vision", "Vision models", "CNNs", DateTimeOffset.UnixEpoch, 2, 31, null));
        queries.Projects.Add(new ProjectSummary(2, "nlp", "Language", null, DateTimeOffset.UnixEpoch, 0, 4, null));
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<ProjectList>();
        var grid = cut.WaitForElement("[data-testid=projects-grid]");
        Assert.Equal(2, grid.QuerySelectorAll("tbody tr a[href^='projects/']").Length);
        Assert.Contains("Vision models", grid.TextContent, StringComparison.Ordinal);
        Assert.Contains("31", grid.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_project_opens_a_dialog_that_creates_it_and_goes_to_its_page()
    {
        var commands = new FakeDashboardCommands();
        await using var ctx = ComponentTests.Create(commands: commands);
        var cut = ctx.RenderHosted<ProjectList>();
        cut.WaitForElement("[data-testid=new-project]").Click();
        var dialog = cut.WaitForElement("[data-testid=create-project-dialog]");
        Assert.NotNull(dialog);
        cut.Find("#project-key").Input("vision");
        cut.Find("#project-name").Input("Vision models");
        cut.Find("[data-testid=create-project]").Click();
        cut.WaitForAssertion(() => Assert.EndsWith("projects/vision", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Equal(["create vision Vision models"], commands.Calls);
    }

    [Fact]
    public async Task A_key_the_server_refuses_shows_its_message_at_the_key_field_and_the_dialog_stays()
    {
        var commands = new FakeDashboardCommands { CreateProjectErrors = [new SpecIssue("key", null, null, "A project with the key 'vision' exists already.")] };
        await using var ctx = ComponentTests.Create(commands: commands);
        var cut = ctx.RenderHosted<CreateProjectHost>();
        cut.WaitForElement("#project-key").Input("vision");
        cut.Find("#project-name").Input("Vision");
        cut.Find("[data-testid=create-project]").Click();
        cut.WaitForAssertion(() =>
        {
            var field = cut.Find("[data-field=key]");
            Assert.Contains("exists already", field.TextContent, StringComparison.Ordinal);
        });
        Assert.Single(cut.FindAll("[data-testid=create-project-dialog]"));
    }

    [Fact]
    public async Task A_key_with_a_space_or_an_empty_name_is_refused_at_the_field_before_the_server_is_asked()
    {
        var commands = new FakeDashboardCommands();
        await using var ctx = ComponentTests.Create(commands: commands);
        var cut = ctx.RenderHosted<CreateProjectHost>();
        cut.WaitForElement("#project-key").Input("my project");
        cut.Find("[data-testid=create-project]").Click();
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("letters, digits, dots", cut.Find("[data-field=key]").TextContent, StringComparison.Ordinal);
            Assert.Contains("A project needs a name.", cut.Find("[data-field=name]").TextContent, StringComparison.Ordinal);
        });
        Assert.Empty(commands.Calls);
    }

    [Theory]
    [InlineData("vision", true)]
    [InlineData("v1.2_x-y", true)]
    [InlineData("-vision", false)]
    [InlineData("my project", false)]
    public void Key_rule_matches_the_servers(string key, bool valid) =>
        Assert.Equal(valid, CreateProjectDialog.KeyError(key) is null);
}
