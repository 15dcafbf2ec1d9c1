using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

/// <summary>The Keys page: make a key (shown once), revoke one.</summary>
public sealed class KeysPage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync() => GoAsync("/keys");

    public ILocator Grid => Page.GetByTestId("keys-grid");

    public ILocator NewKey => Page.GetByTestId("new-key");

    /// <summary>What the page says is wrong: at the field at fault, or above the form for an error of the whole form.</summary>
    public ILocator Error => Page.Locator("[data-testid=key-error], .mud-input-helper-text.mud-input-error");

    /// <summary>The grid's row of the key with this name.</summary>
    public ILocator Row(string name) => Grid.Locator("tbody tr").Filter(new() { HasText = name });

    /// <summary>Makes a key with the page's default role (editor), for <paramref name="project"/>.</summary>
    public async Task CreateAsync(string name, string project)
    {
        await SetAsync(Page.GetByLabel("Name"), name);
        await SetAsync(Page.GetByLabel("Project (optional)"), project);
        await Page.GetByTestId("create-key").ClickAsync();
    }

    /// <summary>Types into a field and leaves it, which is when the page takes the value.</summary>
    private static async Task SetAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }
}
