using Bunit;
using Bunit.TestDoubles;
using ExperimentHub.Server.Components.Charts;
using Plotly.Blazor.LayoutLib.XAxisLib;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Tests.Components.Charts;

public sealed class BestSoFarChartTests
{
    [Fact]
    public async Task Draws_each_trial_and_the_best_so_far_as_a_step_line_over_whole_trial_counts()
    {
        await using var ctx = ChartHost.Create();
        var data = new BestSoFarData(ChartHost.Group(6, 100, offset: 1), ChartHost.Group(3, 100, offset: 1), "loss", 6);
        var cut = ctx.Render<BestSoFarChart>(p => p.Add(c => c.Data, data));

        Assert.Equal("best-so-far", cut.Find("div.eh-chart").GetAttribute("data-chart"));
        var traces = ChartHost.Traces(cut).Cast<Scatter>().ToList();
        Assert.Equal(["trial", "best so far"], traces.Select(t => t.Name));
        Assert.Equal([1.0, 2, 3, 4, 5, 6], traces[0].X.Cast<double>());
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, traces[1].Line.Shape);
        // A count axis: whole numbers, one tick per trial while there are few.
        var x = ChartHost.Layout(cut).XAxis[0];
        Assert.Equal(",d", x.TickFormat);
        Assert.Equal(TickModeEnum.Linear, x.TickMode);
        Assert.Equal(1, x.DTick);
        Assert.Equal("completed trials", x.Title.Text);
        Assert.Equal("loss", ChartHost.Layout(cut).YAxis[0].Title.Text);
    }

    [Fact]
    public async Task Many_trials_keep_whole_ticks_chosen_by_plotly()
    {
        await using var ctx = ChartHost.Create();
        var data = new BestSoFarData(ChartHost.Group(500, 1, offset: 1), ChartHost.Group(10, 1, offset: 1), "loss", 500);
        var cut = ctx.Render<BestSoFarChart>(p => p.Add(c => c.Data, data));

        var x = ChartHost.Layout(cut).XAxis[0];
        Assert.Equal(",d", x.TickFormat);
        Assert.Null(x.DTick);
    }

    [Fact]
    public async Task Clicking_a_trial_or_a_step_of_the_best_line_opens_its_run()
    {
        await using var ctx = ChartHost.Create();
        var clicked = new List<long>();
        var data = new BestSoFarData(ChartHost.Group(6, 100), ChartHost.Group(3, 200), "loss", 6);
        var cut = ctx.Render<BestSoFarChart>(p => p.Add(c => c.Data, data).Add(c => c.OnPointClick, id => clicked.Add(id)));
        var click = ChartHost.Plot(cut).Parameters.Get(p => p.ClickAction);

        await cut.InvokeAsync(() => click([ChartHost.Point(0, 5)]));
        await cut.InvokeAsync(() => click([ChartHost.Point(1, 2)]));

        cut.WaitForAssertion(() => Assert.Equal([105L, 202L], clicked));
    }

    [Fact]
    public async Task An_empty_chart_says_why_it_is_empty()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<BestSoFarChart>(p => p.Add(c => c.Data, new BestSoFarData(ScatterGroup.Empty, ScatterGroup.Empty, "loss", 0)));

        Assert.Equal("No completed trial has reported loss yet.", cut.Find(".eh-chart-empty").TextContent);
    }
}
