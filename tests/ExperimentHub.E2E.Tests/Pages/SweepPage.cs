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

    /// <summary>The hover label plotly shows for the trial (or heatmap cell) under the pointer.</summary>
    public ILocator Tooltip(string kind) => Chart(kind).Locator(".hoverlayer .hovertext");

    /// <summary>The drawn markers of one trace of a chart (plotly's SVG points, in trace order).</summary>
    public ILocator Points(string kind, int trace) => Chart(kind).Locator(".scatterlayer .trace").Nth(trace).Locator("path.point");

    /// <summary>
    /// Moves the pointer onto a drawn point and clicks there. Plotly listens on its drag layer above the points, so the
    /// mouse goes to the point's place rather than clicking the element itself.
    /// </summary>
    public async Task HoverPointAsync(ILocator point)
    {
        await point.ScrollIntoViewIfNeededAsync();
        var box = await point.BoundingBoxAsync() ?? throw new InvalidOperationException("The point is not drawn.");
        await Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    /// <summary>Picks a tool of a chart's plotly toolbar by its title (Box Select, Lasso Select, Zoom, Pan…).</summary>
    public Task ToolAsync(string kind, string title) => Chart(kind).Locator($".modebar-btn[data-title='{title}']").ClickAsync();

    /// <summary>Drags over a chart between two fractions of its width and height (a box select, once picked).</summary>
    public async Task DragOverAsync(string kind, (double X, double Y) from, (double X, double Y) to)
    {
        var plot = Chart(kind).Locator(".nsewdrag").First;
        await plot.ScrollIntoViewIfNeededAsync();
        var box = await plot.BoundingBoxAsync() ?? throw new InvalidOperationException($"No {kind} plot area is shown.");
        await Page.Mouse.MoveAsync(box.X + box.Width * (float)from.X, box.Y + box.Height * (float)from.Y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(box.X + box.Width * (float)((from.X + to.X) / 2), box.Y + box.Height * (float)((from.Y + to.Y) / 2), new() { Steps = 5 });
        await Page.Mouse.MoveAsync(box.X + box.Width * (float)to.X, box.Y + box.Height * (float)to.Y, new() { Steps = 5 });
        await Page.Mouse.UpAsync();
    }

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
