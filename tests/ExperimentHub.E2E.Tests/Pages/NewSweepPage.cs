using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

public sealed class NewSweepPage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync(string projectKey) => GoAsync($"/projects/{projectKey}/sweeps/new");

    public ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });

    /// <summary>The errors the form shows next to the field at a spec path (such as parameters.lr).</summary>
    public ILocator FieldErrors(string path) => Page.Locator($"ul.eh-issues[data-field='{path}']");

    public ILocator YamlEditor => Page.GetByTestId("yaml-editor");

    public ILocator YamlIssues => Page.GetByTestId("spec-issues");

    public ILocator SpecOk => Page.GetByTestId("spec-ok");

    public ILocator Launch => Page.GetByTestId("launch");

    /// <summary>Types into a field and leaves it, which is when the form validates.</summary>
    public async Task SetAsync(string label, string value)
    {
        var field = Field(label);
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    public Task YamlTabAsync() => Page.GetByRole(AriaRole.Tab, new() { Name = "YAML" }).ClickAsync();
}
