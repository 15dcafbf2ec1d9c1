using Bunit;
using Bunit.TestDoubles;
using ExperimentHub.Server.Components.Charts;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Tests.Components.Charts;

public sealed class ParetoChartTests
{
    private static ParetoData Data(int front, int dominated, int infeasible, Func<int, bool>? selected = null) => new(
        ChartHost.Group(front, 1, selected), ChartHost.Group(dominated, 10_000, selected), ChartHost.Group(infeasible, 50_000, selected),
        "accuracy (max)", "latency_ms (min)", XMaximized: true);

    [Fact]
    public async Task Draws_the_front_dominated_and_infeasible_trials_and_leaves_the_hypervolume_to_the_card()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<ParetoChart>(p => p.Add(c => c.Data, Data(5, 40, 3)).Add(c => c.Hypervolume, 0.4217).Add(c => c.Label, "pareto front"));

        var element = cut.Find("div.eh-chart");
        Assert.Equal("pareto", element.GetAttribute("data-chart"));
        Assert.Equal("figure", element.GetAttribute("role"));
        Assert.Equal("pareto front", element.GetAttribute("aria-label"));
        Assert.Equal("48", element.GetAttribute("data-total"));
        var traces = ChartHost.Traces(cut).Cast<Scatter>().ToList();
        // The card's heading names the hypervolume: the legend names the traces only.
        Assert.Equal(["dominated", "infeasible", "Pareto front"], traces.Select(t => t.Name));
        Assert.Equal([40, 3, 5], traces.Select(t => t.X.Count));
        Assert.Equal("trial 1", traces[2].TextArray[0]);
        // A maximized x draws the front's steps vertical first.
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Vh, traces[2].Line.Shape);
        var layout = ChartHost.Layout(cut);
        Assert.Equal("accuracy (max)", layout.XAxis[0].Title.Text);
        Assert.Equal("latency_ms (min)", layout.YAxis[0].Title.Text);
        // The legend's row lies below the strip where plotly's toolbar shows under the pointer.
        Assert.Equal(ChartLook.LegendMargin, layout.Margin.T);
        Assert.Equal(Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom, layout.Legend[0].YAnchor);
    }

    [Fact]
    public async Task Thousands_of_dominated_trials_are_thinned_and_only_the_drawn_ones_get_hover_texts()
    {
        await using var ctx = ChartHost.Create();
        var data = Data(20, 9000, 1000);
        var cut = ctx.Render<ParetoChart>(p => p.Add(c => c.Data, data));

        var traces = ChartHost.Traces(cut).Cast<Scatter>().ToList();
        Assert.Equal(ScatterSample.MaxInfeasible, traces[1].X.Count);
        Assert.Equal(ScatterSample.MaxPoints - 20 - ScatterSample.MaxInfeasible, traces[0].X.Count);
        Assert.Equal(traces[0].X.Count, traces[0].TextArray.Count);
        Assert.Equal(20, traces[2].X.Count);
        Assert.Equal("10020", cut.Find("div.eh-chart").GetAttribute("data-total"));
        Assert.Equal(traces[0].X.Count, cut.Instance.Figure.RunIds[0].Count);
    }

    [Fact]
    public async Task A_click_on_a_point_opens_its_run_and_a_click_on_nothing_does_nothing()
    {
        await using var ctx = ChartHost.Create();
        var clicked = new List<long>();
        var cut = ctx.Render<ParetoChart>(p => p.Add(c => c.Data, Data(5, 10, 2)).Add(c => c.OnPointClick, id => clicked.Add(id)));
        var click = ChartHost.Plot(cut).Parameters.Get(p => p.ClickAction);

        await cut.InvokeAsync(() => click([ChartHost.Point(2, 3)]));
        await cut.InvokeAsync(() => click([ChartHost.Point(1, 1)]));
        await cut.InvokeAsync(() => click([ChartHost.Point(7, 0)]));

        cut.WaitForAssertion(() => Assert.Equal([4L, 50_001L], clicked));
    }

    [Fact]
    public async Task A_box_or_lasso_selection_reports_the_runs_inside_it()
    {
        await using var ctx = ChartHost.Create();
        IReadOnlySet<long>? picked = null;
        var cut = ctx.Render<ParetoChart>(p => p.Add(c => c.Data, Data(5, 10, 2)).Add(c => c.OnSelect, runs => picked = runs));
        var select = ChartHost.Plot(cut).Parameters.Get(p => p.SelectedAction);

        await cut.InvokeAsync(() => select([ChartHost.Point(0, 0), ChartHost.Point(0, 9), ChartHost.Point(2, 0)]));

        cut.WaitForAssertion(() => Assert.Equal(new HashSet<long> { 10_000, 10_009, 1 }, picked));
    }

    [Fact]
    public async Task Trials_selected_elsewhere_stay_bright_and_the_rest_fade()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<ParetoChart>(p => p.Add(c => c.Data, Data(4, 6, 0, selected: i => i % 2 == 0)));

        var dominated = (Scatter)ChartHost.Traces(cut)[0];
        Assert.Equal([0, 2, 4], (int[])dominated.SelectedPoints);
        Assert.Equal(0.12m, dominated.Unselected.Marker.Opacity);
    }

    [Fact]
    public async Task An_empty_chart_says_why_it_is_empty()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<ParetoChart>(p => p.Add(c => c.Data, Data(0, 0, 0)));

        Assert.Contains("No completed trial has both objectives yet", cut.Find(".eh-chart-empty").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("div.eh-chart").GetAttribute("data-drawn"));
        Assert.Empty(cut.FindComponents<Stub<PlotlyChart>>());
    }

    [Fact]
    public async Task A_chart_that_cannot_be_built_says_so_in_its_place()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<ParetoChart>(p => p.Add(c => c.Data, null!));

        Assert.StartsWith("This chart could not be drawn", cut.Find(".eh-chart-empty").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_data_again_is_not_rebuilt_and_new_data_is()
    {
        await using var ctx = ChartHost.Create();
        var data = Data(3, 3, 0);
        var cut = ctx.Render<ParetoChart>(p => p.Add(c => c.Data, data));
        var first = cut.Instance.Figure;

        cut.Render(p => p.Add(c => c.Data, data));
        Assert.Same(first, cut.Instance.Figure);
        cut.Render(p => p.Add(c => c.Data, Data(4, 3, 0)));
        Assert.NotSame(first, cut.Instance.Figure);
        Assert.Equal(4, ChartHost.Traces(cut)[2] is Scatter front ? front.X.Count : -1);
    }
}
