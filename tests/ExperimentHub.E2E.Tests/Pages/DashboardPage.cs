using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

/// <summary>What every dashboard page shares: navigation that waits until the live circuit has drawn the page.</summary>
public abstract class DashboardPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>The page's h1, present once the interactive circuit rendered it (no prerendering).</summary>
    public ILocator Heading => Page.Locator("h1");

    /// <summary>
    /// Marks the loaded document, so that <see cref="IsSameDocumentAsync"/> can tell a live update (the same document)
    /// from a reload or a navigation (a new one).
    /// </summary>
    public Task MarkDocumentAsync() => Page.EvaluateAsync("() => { document.documentElement.dataset.testMark = 'kept'; }");

    public async Task<bool> IsSameDocumentAsync() =>
        await Page.EvaluateAsync<string?>("() => document.documentElement.dataset.testMark ?? null") == "kept";

    protected async Task GoAsync(string path)
    {
        await Page.GotoAsync(path);
        await Heading.First.WaitForAsync();
    }

    /// <summary>
    /// Waits until a chart has drawn at least <paramref name="points"/> points and takes clicks and selections (a plotly
    /// chart is marked drawn by the browser, before its events are subscribed from the server).
    /// </summary>
    /// <remarks>A minute: a run page's first chart loads plotly (1.4 MB), slow on a loaded machine.</remarks>
    public async Task WaitForChartAsync(ILocator chart, int points = 1)
    {
        await chart.Locator("xpath=self::*[@data-drawn='true' and not(@data-interactive='false')]").WaitForAsync(new() { Timeout = ChartTimeoutMs });
        await Page.WaitForFunctionAsync(
            "([el, n]) => Number(el.getAttribute('data-points')) >= n",
            new object[] { await chart.ElementHandleAsync(), points },
            new() { Timeout = ChartTimeoutMs });
    }

    private const float ChartTimeoutMs = 60_000;
}
