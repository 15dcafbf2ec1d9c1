using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class ProjectTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Create_a_project_from_the_dialog_and_land_on_its_page()
    {
        var projects = new ProjectsPage(await fixture.NewPageAsync());
        await projects.OpenAsync();
        await Screenshots.SaveAsync(projects.Page, "projects-before");

        await projects.CreateAsync("vision", "Vision models", "Image classifiers");

        await Assertions.Expect(projects.Heading).ToHaveTextAsync("Vision models");
        Assert.EndsWith("/projects/vision", projects.Page.Url, StringComparison.Ordinal);
        await Screenshots.SaveAsync(projects.Page, "project-empty");

        await projects.OpenAsync();
        await Assertions.Expect(projects.Grid).ToContainTextAsync("Vision models");
        await Screenshots.SaveAsync(projects.Page, "projects");
    }

    [Fact]
    public async Task A_taken_key_is_refused_at_the_key_field()
    {
        var projects = new ProjectsPage(await fixture.NewPageAsync());
        await projects.OpenAsync();
        await projects.CreateAsync("dup", "First");
        await Assertions.Expect(projects.Heading).ToHaveTextAsync("First");

        await projects.OpenAsync();
        await projects.CreateAsync("dup", "Second");

        await Assertions.Expect(projects.FieldError("key")).ToContainTextAsync("exists already");
        await Screenshots.SaveAsync(projects.Page, "project-dialog-error");
    }
}
