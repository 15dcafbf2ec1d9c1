using Bunit;
using Bunit.TestDoubles;
using ExperimentHub.Server.Components.Charts;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Tests.Components.Charts;

public sealed class MetricChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static MetricCurve Curve(string name, long runId, int points, double scale = 1) => new(
        name, runId,
        Enumerable.Range(0, points).Select(i => (long)i * 10).ToArray(),
        Enumerable.Range(0, points).Select(i => scale * Math.Exp(-i / 10.0)).ToArray(),
        Enumerable.Range(0, points).Select(i => Start.AddSeconds(i * 2.5)).ToArray());

    [Fact]
    public async Task Overlays_one_curve_per_run_over_steps_with_a_legend()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<MetricChart>(p => p.Add(c => c.Curves, [Curve("a #1", 1, 50), Curve("b #2", 2, 30, 3)]).Add(c => c.Metric, "loss"));

        var plot = cut.FindComponent<MetricPlot>();
        Assert.Equal("line", plot.Find("div.eh-chart").GetAttribute("data-chart"));
        Assert.Equal("80", plot.Find("div.eh-chart").GetAttribute("data-total"));
        var traces = ChartHost.Traces(plot).Cast<Scatter>().ToList();
        Assert.Equal(["a #1", "b #2"], traces.Select(t => t.Name));
        Assert.Equal([0.0, 10, 20], traces[0].X.Take(3).Cast<double>());
        var layout = ChartHost.Layout(plot);
        Assert.True(layout.ShowLegend);
        Assert.Equal("step", layout.XAxis[0].Title.Text);
        Assert.Equal(",d", layout.XAxis[0].TickFormat);
        Assert.Equal("loss", layout.YAxis[0].Title.Text);
    }

    [Fact]
    public async Task The_controls_switch_to_time_a_log_scale_and_smoothing()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<MetricChart>(p => p.Add(c => c.Curves, [Curve("a", 1, 20)]).Add(c => c.Metric, "loss"));

        cut.Find("[data-testid=metric-x]").Change("Time");
        cut.Find("[data-testid=metric-log]").Change(true);
        cut.Find("[data-testid=metric-smoothing]").Change("0.6");

        var plot = cut.FindComponent<MetricPlot>();
        var traces = ChartHost.Traces(plot).Cast<Scatter>().ToList();
        // The raw curve stays, faint, under its smoothed copy.
        Assert.Equal(2, traces.Count);
        Assert.Equal(0.3m, traces[0].Opacity);
        Assert.Equal([0.0, 2.5, 5], traces[0].X.Take(3).Cast<double>());
        var smoothed = traces[1].Y.Cast<double>().ToList();
        Assert.Equal(1, smoothed[0], 9);
        Assert.True(smoothed[5] > Math.Exp(-0.5), "smoothing lags a falling curve");
        var layout = ChartHost.Layout(plot);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log, layout.YAxis[0].Type);
        Assert.Equal("seconds since the first point", layout.XAxis[0].Title.Text);
        Assert.Contains("0.60", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_point_redraws_the_curve_and_an_unchanged_one_does_not()
    {
        await using var ctx = ChartHost.Create();
        IReadOnlyList<MetricCurve> curves = [Curve("a", 1, 10)];
        var cut = ctx.Render<MetricChart>(p => p.Add(c => c.Curves, curves).Add(c => c.Metric, "loss"));
        var plot = cut.FindComponent<MetricPlot>();
        var first = plot.Instance.Figure;

        cut.Render(p => p.Add(c => c.Curves, curves));
        Assert.Same(first, plot.Instance.Figure);
        cut.Render(p => p.Add(c => c.Curves, [Curve("a", 1, 11)]));
        Assert.Equal(11, ((Scatter)ChartHost.Traces(plot)[0]).X.Count);
        Assert.Equal("11", plot.Find("div.eh-chart").GetAttribute("data-total"));
    }

    [Fact]
    public async Task Long_curves_are_thinned_keeping_their_ends()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<MetricChart>(p => p.Add(c => c.Curves, [Curve("a", 1, 5000)]).Add(c => c.Metric, "loss"));

        var trace = (Scatter)ChartHost.Traces(cut.FindComponent<MetricPlot>())[0];
        Assert.Equal(MetricFigure.MaxPoints, trace.X.Count);
        Assert.Equal(0.0, trace.X[0]);
        Assert.Equal(49_990.0, trace.X[^1]);
    }

    [Fact]
    public async Task An_empty_chart_says_why_it_is_empty()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<MetricChart>(p => p.Add(c => c.Curves, []).Add(c => c.Metric, "loss"));

        Assert.Equal("No points of loss yet. They appear here as the run logs them.", cut.Find(".eh-chart-empty").TextContent);
    }
}
