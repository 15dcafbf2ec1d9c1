using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

/// <summary>The hyperparameter detection page (/detect).</summary>
public sealed class DetectPage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync(string? projectKey = null) => GoAsync(projectKey is null ? "/detect" : $"/detect?project={projectKey}");

    public ILocator Source => Page.GetByLabel("Script source", new() { Exact = true });

    public ILocator Grid => Page.GetByTestId("detected-grid");

    public ILocator Error => Page.GetByTestId("detect-error");

    public ILocator Launch => Page.GetByTestId("launch");

    public ILocator Row(string parameter) => Grid.Locator($"tr:has([data-param='{parameter}'])");

    public ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });

    public async Task PasteAndDetectAsync(string source)
    {
        await Source.FillAsync(source);
        await Source.PressAsync("Tab");
        await Page.GetByTestId("detect").ClickAsync();
        // A minute: the detector starts python3, slow on a loaded machine.
        await Page.Locator("[data-testid=detected-grid], [data-testid=detect-error]").First.WaitForAsync(new() { Timeout = 60_000 });
    }

    /// <summary>Types into a field and leaves it, which is when the page takes the value.</summary>
    public async Task SetAsync(string label, string value)
    {
        var field = Field(label);
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }
}
