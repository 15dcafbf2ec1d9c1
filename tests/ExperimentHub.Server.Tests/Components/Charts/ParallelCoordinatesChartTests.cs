using System.Text.Json;
using Bunit;
using Bunit.TestDoubles;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Tests.Components.Sweeps;
using Plotly.Blazor.Interop;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Tests.Components.Charts;

public sealed class ParallelCoordinatesChartTests
{
    private static ParcoordsData Data(int trials) => ParallelCoordinates.Build(SweepFixtures.Trials(trials), SweepFixtures.Spec()).Data;

    [Fact]
    public async Task Draws_an_axis_per_parameter_and_objective_and_a_line_per_trial_coloured_by_the_objective()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Data, Data(120)));

        Assert.Equal("parcoords", cut.Find("div.eh-chart").GetAttribute("data-chart"));
        Assert.Equal("120", cut.Find("div.eh-chart").GetAttribute("data-total"));
        var trace = Assert.IsType<ParCoords>(Assert.Single(ChartHost.Traces(cut)));
        Assert.Equal(["lr", "layers", "dropout", "optimizer", "accuracy", "inference_ms"], trace.Dimensions.Select(d => d.Label));
        Assert.All(trace.Dimensions, d => Assert.Equal(120, d.Values.Count));
        // The log axis is in log10 units, labelled with the real values at each power of ten.
        var lr = trace.Dimensions[0];
        Assert.Equal([-5.0, -1.0], lr.Range.Cast<double>());
        Assert.Equal(["1e-5", "1e-4", "0.001", "0.01", "0.1"], lr.TickText.Cast<string>());
        Assert.Equal(["adam", "sgd", "rmsprop"], trace.Dimensions[3].TickText.Cast<string>());
        Assert.Equal(120, trace.Line.ColorArray.Count);
        Assert.Equal("Viridis", trace.Line.ColorScale);
        Assert.True(trace.Line.ShowScale);
    }

    [Fact]
    public async Task A_brush_on_an_axis_reports_every_brushed_axis_and_clearing_it_reports_none()
    {
        await using var ctx = ChartHost.Create();
        var reported = new List<IReadOnlyList<AxisBrush>>();
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Data, Data(60)).Add(c => c.OnBrush, b => reported.Add(b)));
        var restyle = ChartHost.Plot(cut).Parameters.Get(p => p.RestyleAction);

        await cut.InvokeAsync(() => restyle(Restyle("dimensions[1].constraintrange", "[[3, 7]]")));
        await cut.InvokeAsync(() => restyle(Restyle("dimensions[4].constraintrange", "[[[0.8, 0.6], [0.9, 0.95]]]")));
        await cut.InvokeAsync(() => restyle(Restyle("dimensions[1].constraintrange", "[null]")));

        cut.WaitForAssertion(() => Assert.Equal(3, reported.Count));
        var first = Assert.Single(reported[0]);
        Assert.Equal(1, first.Dimension);
        Assert.Equal([new BrushRange(3, 7)], first.Ranges);
        Assert.Equal([1, 4], reported[1].Select(b => b.Dimension));
        Assert.Equal([new BrushRange(0.6, 0.8), new BrushRange(0.9, 0.95)], reported[1][1].Ranges);
        Assert.Equal(4, Assert.Single(reported[2]).Dimension);
    }

    [Fact]
    public async Task Restyles_that_are_not_brushes_are_ignored()
    {
        await using var ctx = ChartHost.Create();
        var reported = 0;
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Data, Data(20)).Add(c => c.OnBrush, _ => reported++));
        var restyle = ChartHost.Plot(cut).Parameters.Get(p => p.RestyleAction);

        await cut.InvokeAsync(() => restyle(Restyle("line.colorscale", "[\"Viridis\"]")));
        await cut.InvokeAsync(() => restyle(Restyle("dimensions[99].constraintrange", "[[0, 1]]")));

        Assert.Equal(0, reported);
    }

    [Fact]
    public async Task Brushes_in_effect_are_drawn_as_constraint_ranges_and_trials_picked_elsewhere_keep_their_colour()
    {
        await using var ctx = ChartHost.Create();
        var highlighted = Enumerable.Range(0, 40).Select(i => i < 10).ToArray();
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p
            .Add(c => c.Data, Data(40))
            .Add(c => c.Brushes, [new AxisBrush(2, [new BrushRange(0.1, 0.2)])])
            .Add(c => c.Highlighted, highlighted));

        var trace = (ParCoords)Assert.Single(ChartHost.Traces(cut));
        Assert.Equal([0.1, 0.2], trace.Dimensions[2].ConstraintRange.Cast<double>());
        Assert.Null(trace.Dimensions[0].ConstraintRange);
        var colors = trace.Line.ColorArray.Cast<double>().ToList();
        Assert.All(colors.Take(10), c => Assert.True(c > 0.05));
        Assert.All(colors.Skip(10), c => Assert.Equal(0, c));
        Assert.False(trace.Line.ShowScale);
    }

    [Fact]
    public async Task An_empty_chart_says_why_it_is_empty()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Data, Data(0)));

        Assert.Equal("No completed trial has accuracy yet: each finished trial adds a line.", cut.Find(".eh-chart-empty").TextContent);
    }

    private static RestyleEventData Restyle(string key, string json) =>
        new() { Changes = new Dictionary<string, JsonElement> { [key] = JsonDocument.Parse(json).RootElement.Clone() }, Indices = [0] };
}
