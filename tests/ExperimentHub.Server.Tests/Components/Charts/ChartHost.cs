using Bunit;
using Bunit.TestDoubles;
using ExperimentHub.Server.Components.Charts;
using Microsoft.Extensions.DependencyInjection;
using Plotly.Blazor;

namespace ExperimentHub.Server.Tests.Components.Charts;

/// <summary>
/// A bUnit context for chart components: loose JS interop, and Plotly.Blazor's component stubbed, so a test reads
/// exactly what each chart hands to plotly (traces, layout, event handlers) without a browser.
/// </summary>
internal static class ChartHost
{
    public static BunitContext Create()
    {
        var ctx = new BunitContext();
        ctx.Services.AddLogging();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.ComponentFactories.AddStub<PlotlyChart>();
        return ctx;
    }

    /// <summary>The stubbed plotly component a chart rendered.</summary>
    public static Stub<PlotlyChart> Plot<T>(IRenderedComponent<T> chart) where T : PlotlyChartBase =>
        chart.FindComponent<Stub<PlotlyChart>>().Instance;

    public static IList<ITrace> Traces<T>(IRenderedComponent<T> chart) where T : PlotlyChartBase =>
        Plot(chart).Parameters.Get(p => p.Data);

    public static Layout Layout<T>(IRenderedComponent<T> chart) where T : PlotlyChartBase =>
        Plot(chart).Parameters.Get(p => p.Layout);

    /// <summary>What plotly reports for a click or selection on (trace, point).</summary>
    public static Plotly.Blazor.Interop.EventDataPoint Point(int trace, int point) =>
        new() { TraceIndex = trace, PointNumber = System.Text.Json.JsonSerializer.SerializeToElement(point) };

    public static ScatterGroup Group(int count, long firstId = 1, Func<int, bool>? selected = null, double offset = 0) => new(
        Enumerable.Range(0, count).Select(i => i + offset).ToArray(),
        Enumerable.Range(0, count).Select(i => (double)(count - i)).ToArray(),
        Enumerable.Range(0, count).Select(i => firstId + i).ToArray(),
        Enumerable.Range(0, count).Select(i => $"trial {firstId + i}").ToArray(),
        selected is null ? null : Enumerable.Range(0, count).Select(selected).ToArray());
}
