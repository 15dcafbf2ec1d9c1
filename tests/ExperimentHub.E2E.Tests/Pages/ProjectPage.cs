using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

public sealed class ProjectPage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync(string key) => GoAsync($"/projects/{key}");

    public ILocator Runs => Page.GetByTestId("runs-grid");

    /// <summary>What the page shows in place of the runs grid while the project has no run.</summary>
    public ILocator RunsEmpty => Page.GetByTestId("runs-empty");

    public ILocator RunLink(long runId) => Runs.Locator($"a[href='runs/{runId}']");

    /// <summary>The run's row (the inner locator is relative to the row, so it names the link alone).</summary>
    public ILocator RunRow(long runId) => Runs.Locator("tr", new() { Has = Page.Locator($"a[href='runs/{runId}']") });

    public async Task TickCompareAsync(long runId)
    {
        var box = Page.Locator($"[data-compare='{runId}'] input[type=checkbox]");
        await box.CheckAsync();
        await Assertions.Expect(box).ToBeCheckedAsync();
    }

    public Task CompareAsync() => Page.GetByTestId("compare-runs").ClickAsync();
}
