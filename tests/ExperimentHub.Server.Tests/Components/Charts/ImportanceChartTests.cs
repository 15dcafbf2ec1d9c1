using Bunit;
using Bunit.TestDoubles;
using ExperimentHub.Server.Components.Charts;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Tests.Components.Charts;

public sealed class ImportanceChartTests
{
    [Fact]
    public async Task Draws_a_bar_per_parameter_with_the_largest_on_top()
    {
        await using var ctx = ChartHost.Create();
        KeyValuePair<string, double>[] shares = [new("lr", 0.6), new("layers", 0.3), new("dropout", 0.1)];
        var cut = ctx.Render<ImportanceChart>(p => p.Add(c => c.Shares, shares).Add(c => c.Metric, "accuracy"));

        Assert.Equal("importance", cut.Find("div.eh-chart").GetAttribute("data-chart"));
        var bars = Assert.IsType<Bar>(Assert.Single(ChartHost.Traces(cut)));
        // Plotly stacks categories from the bottom: the largest comes last.
        Assert.Equal(["dropout", "layers", "lr"], bars.Y.Cast<string>());
        Assert.Equal(["10.0%", "30.0%", "60.0%"], bars.TextArray);
        // Beside the bars, in the theme's text colour (inside them plotly's own contrast read poorly in dark mode).
        Assert.Equal(Plotly.Blazor.Traces.BarLib.TextPositionEnum.Outside, bars.TextPosition);
        Assert.False(bars.ClipOnAxis);
        Assert.Equal("share of the variance of accuracy", ChartHost.Layout(cut).XAxis[0].Title.Text);
    }

    [Fact]
    public async Task The_left_margin_fits_the_longest_parameter_name_without_plotly_measuring_it()
    {
        await using var ctx = ChartHost.Create();
        KeyValuePair<string, double>[] shares = [new("lr", 0.5), new("a_rather_long_parameter_name", 0.5)];
        var cut = ctx.Render<ImportanceChart>(p => p.Add(c => c.Shares, shares).Add(c => c.Metric, "accuracy"));

        var layout = ChartHost.Layout(cut);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.False, layout.YAxis[0].AutoMargin);
        Assert.Equal(12 + 7 * "a_rather_long_parameter_name".Length, layout.Margin.L);
    }

    [Fact]
    public async Task An_empty_chart_says_how_many_trials_it_needs()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<ImportanceChart>(p => p.Add(c => c.Shares, []).Add(c => c.Metric, "accuracy").Add(c => c.MinTrials, 8));

        Assert.Equal("Parameter importance needs at least 8 completed trials with accuracy.", cut.Find(".eh-chart-empty").TextContent);
    }
}
