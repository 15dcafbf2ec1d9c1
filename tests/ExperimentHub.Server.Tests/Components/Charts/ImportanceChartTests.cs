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
        Assert.Equal("share of the variance of accuracy", ChartHost.Layout(cut).XAxis[0].Title.Text);
    }

    [Fact]
    public async Task An_empty_chart_says_how_many_trials_it_needs()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<ImportanceChart>(p => p.Add(c => c.Shares, []).Add(c => c.Metric, "accuracy").Add(c => c.MinTrials, 8));

        Assert.Equal("Parameter importance needs at least 8 completed trials with accuracy.", cut.Find(".eh-chart-empty").TextContent);
    }
}
