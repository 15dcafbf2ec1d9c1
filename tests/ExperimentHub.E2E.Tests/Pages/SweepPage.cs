using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

public sealed class SweepPage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync(long sweepId) => GoAsync($"/sweeps/{sweepId}");

    public ILocator Status => Page.Locator(".eh-titlebar .eh-status");

    public ILocator Trials => Page.GetByTestId("trials-grid");

    public ILocator TrialRows => Trials.Locator("tbody tr:has(a[href^='runs/'])");

    public ILocator TrialCount => Page.GetByTestId("trial-count");

    /// <summary>The progress card: "N of M trials finished" and the running, completed, failed and pruned counts.</summary>
    public ILocator Progress => Page.GetByTestId("sweep-progress");

    public ILocator BrushCaption => Page.GetByTestId("brush-caption");

    public ILocator Chart(string kind) => Page.Locator($".eh-chart[data-chart='{kind}']");

    public ILocator Hypervolume => Page.GetByTestId("hypervolume");

    /// <summary>The tooltip a canvas chart shows for the trial (or heatmap cell) under the pointer or keyboard focus.</summary>
    public ILocator Tooltip(string kind) => Chart(kind).Locator(".eh-chart-tip");

    /// <summary>Moves the pointer to a fraction of a chart's width and height.</summary>
    public async Task HoverChartAsync(string kind, double x, double y)
    {
        await Chart(kind).ScrollIntoViewIfNeededAsync();
        var box = await Chart(kind).BoundingBoxAsync() ?? throw new InvalidOperationException($"No {kind} chart is shown.");
        await Page.Mouse.MoveAsync(box.X + box.Width * (float)x, box.Y + box.Height * (float)y);
    }

    public async Task StopAsync()
    {
        await Page.GetByTestId("stop").ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Stop sweep" }).ClickAsync();
    }

    /// <summary>Drags a brush along one axis of the parallel coordinates, from and to fractions of its height.</summary>
    public async Task BrushAxisAsync(int axis, double from, double to)
    {
        var chart = Chart("parcoords");
        await chart.ScrollIntoViewIfNeededAsync();
        var box = await chart.Locator(".eh-pc-axis").Nth(axis).BoundingBoxAsync()
            ?? throw new InvalidOperationException($"The parallel coordinates have no axis {axis}.");
        var x = box.X + box.Width / 2;
        await Page.Mouse.MoveAsync(x, box.Y + box.Height * (float)from);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(x, box.Y + box.Height * (float)((from + to) / 2), new() { Steps = 5 });
        await Page.Mouse.MoveAsync(x, box.Y + box.Height * (float)to, new() { Steps = 5 });
        await Page.Mouse.UpAsync();
    }
}
