using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

public sealed class ProjectsPage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync() => GoAsync("/projects");

    public ILocator Grid => Page.GetByTestId("projects-grid");

    public async Task CreateAsync(string key, string name, string? description = null)
    {
        await Page.GetByTestId("new-project").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await dialog.GetByLabel("Project key").FillAsync(key);
        await dialog.GetByLabel("Project name").FillAsync(name);
        if (description is not null)
        {
            await dialog.GetByLabel("Project description").FillAsync(description);
        }
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
    }

    public ILocator FieldError(string field) => Page.Locator($".mud-dialog [data-field='{field}']");
}
