using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// What a user does on the loaded 10,000-trial sweep page, timed from the input until the page shows its result:
/// sorting the trials table by the objective (until its first row is another trial), and brushing a range on a
/// parallel-coordinates axis (until the table's caption counts the trials inside it).
/// </summary>
internal static class UiInteractions
{
    private const string FirstTrial = "() => (document.querySelector('[data-testid=trials-grid] tbody tr a') || { textContent: '' }).textContent.trim()";

    public static async Task<string> MeasureAsync(IBrowser browser, Uri sweepUrl, string sortColumn, int repeats, TimeSpan timeout)
    {
        await using var context = await browser.NewContextAsync(UiPageLoader.ContextOptions);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)timeout.TotalMilliseconds);
        await page.GotoAsync(sweepUrl.ToString());
        await page.Locator("[data-testid=trials-grid] tbody tr a").First.WaitForAsync();
        await page.WaitForFunctionAsync(UiPageProbe.AllChartsDrawn);

        var sorts = new List<double>();
        var header = page.Locator("[data-testid=trials-grid] th").Filter(new() { HasText = sortColumn }).First;
        for (var i = 0; i < repeats; i++)
        {
            var before = await page.EvaluateAsync<string>(FirstTrial);
            var clock = Stopwatch.StartNew();
            // Each click flips the order (ascending, descending), so the first row changes every time.
            await header.Locator(".rz-column-title").ClickAsync();
            await page.WaitForFunctionAsync($"before => ({FirstTrial})() !== before", before, new() { PollingInterval = 5 });
            sorts.Add(clock.Elapsed.TotalMilliseconds);
        }

        var brushes = new List<double>();
        var axis = page.Locator("[data-chart=parcoords] .eh-pc-axis").Nth(1);
        for (var i = 0; i < repeats; i++)
        {
            await axis.ScrollIntoViewIfNeededAsync();
            var box = await axis.BoundingBoxAsync() ?? throw new InvalidOperationException("The parallel coordinates have no second axis.");
            var x = box.X + box.Width / 2;
            // A new range each time, further down the axis, so the caption's count changes.
            var from = box.Y + box.Height * (0.05f + 0.1f * i);
            var caption = await CaptionAsync(page);
            await page.Mouse.MoveAsync(x, from);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(x, from + box.Height * 0.08f);
            var clock = Stopwatch.StartNew();
            await page.Mouse.UpAsync();
            await page.WaitForFunctionAsync(
                "before => { const c = document.querySelector('[data-testid=brush-caption]'); return !!c && c.textContent.trim() !== before; }",
                caption, new() { PollingInterval = 5 });
            brushes.Add(clock.Elapsed.TotalMilliseconds);
        }
        var last = await CaptionAsync(page);
        return string.Create(CultureInfo.InvariantCulture,
            $"phase=interactions sort_column={sortColumn} sorts={sorts.Count} sort_median_ms={UiStats.Fixed(UiStats.Median(sorts), 1)} sort_max_ms={UiStats.Fixed(sorts.Max(), 1)} " +
            $"brushes={brushes.Count} brush_median_ms={UiStats.Fixed(UiStats.Median(brushes), 1)} brush_max_ms={UiStats.Fixed(brushes.Max(), 1)} caption=\"{last}\"");
    }

    private static Task<string> CaptionAsync(IPage page) =>
        page.EvaluateAsync<string>("() => (document.querySelector('[data-testid=brush-caption]') || { textContent: '' }).textContent.trim()");
}
