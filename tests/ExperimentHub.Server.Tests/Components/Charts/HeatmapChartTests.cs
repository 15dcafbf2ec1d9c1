using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Tests.Components.Sweeps;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Tests.Components.Charts;

public sealed class HeatmapChartTests
{
    private static HeatmapData Data(int trials, string x = "lr", string y = "dropout")
    {
        var spec = SweepFixtures.Spec();
        var axisX = ParameterAxis.For(spec.Space.Parameters.First(p => p.Name == x));
        var axisY = ParameterAxis.For(spec.Space.Parameters.First(p => p.Name == y));
        return HeatmapBuilder.Build(SweepFixtures.Trials(trials), axisX, axisY, spec.Objectives[0], null);
    }

    [Fact]
    public async Task Draws_the_estimate_as_a_filled_surface_with_the_trials_on_top_and_a_switch_to_bin_means()
    {
        await using var ctx = ChartHost.Create();
        var data = Data(300);
        var cut = ctx.Render<HeatmapChart>(p => p.Add(c => c.Data, data));

        var traces = ChartHost.Traces(cut);
        var surface = Assert.IsType<HeatMap>(traces[0]);
        Assert.Equal(HeatmapBuilder.GridSize, surface.Z.Count);
        Assert.Equal(HeatmapBuilder.GridSize, surface.X.Count);
        Assert.Equal("accuracy", surface.ColorBar.Title.Text);
        Assert.False(surface.ReverseScale);
        var trials = Assert.IsType<Scatter>(traces[1]);
        Assert.Equal(300, trials.X.Count);
        Assert.Contains("accuracy=", trials.TextArray[0], StringComparison.Ordinal);
        var layout = ChartHost.Layout(cut);
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log, layout.XAxis[0].Type);
        // A log axis of a learning rate reads 10⁻⁴, not plotly's SI prefix (100µ).
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.ExponentFormatEnum.Power, layout.XAxis[0].ExponentFormat);
        Assert.Null(layout.YAxis[0].ExponentFormat);
        Assert.Equal("dropout", layout.YAxis[0].Title.Text);
        Assert.Equal(["model estimate", "bin means"], layout.UpdateMenus[0].Buttons.Select(b => b.Label));
        Assert.Equal("300", cut.Find("div.eh-chart").GetAttribute("data-total"));
        // Numbers on both axes: fixed margins, with room on the right for the colour bar, so plotly draws once.
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.False, layout.XAxis[0].AutoMargin);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.False, layout.YAxis[0].AutoMargin);
        Assert.True(layout.Margin.R >= 100, $"right margin {layout.Margin.R}");
    }

    [Fact]
    public async Task The_surface_travels_at_four_significant_digits()
    {
        await using var ctx = ChartHost.Create();
        var data = Data(300);
        var cut = ctx.Render<HeatmapChart>(p => p.Add(c => c.Data, data));

        var surface = (HeatMap)ChartHost.Traces(cut)[0];
        var sent = surface.Z.Cast<List<object>>().SelectMany(r => r).ToList();
        var exact = data.Z.SelectMany(r => r).ToList();
        Assert.Equal(exact.Count, sent.Count);
        for (var i = 0; i < exact.Count; i++)
        {
            if (!double.IsFinite(exact[i]))
            {
                Assert.Null(sent[i]);
                continue;
            }
            var value = Assert.IsType<double>(sent[i]);
            // Within half a unit of the fourth digit, and with no fifth digit left.
            Assert.True(Math.Abs(value - exact[i]) <= 5e-4 * Math.Abs(exact[i]), $"{value} for {exact[i]}");
            Assert.Equal(value, double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
        Assert.Contains(exact, v => double.IsFinite(v) && v != double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_categorical_axis_names_its_choices_and_has_one_column_each()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<HeatmapChart>(p => p.Add(c => c.Data, Data(100, "optimizer", "layers")));

        var x = ChartHost.Layout(cut).XAxis[0];
        Assert.Equal(["adam", "sgd", "rmsprop"], x.TickText.Cast<string>());
        Assert.Equal(3, ((HeatMap)ChartHost.Traces(cut)[0]).X.Count);
        // Names may be turned by plotly: the margin below them is measured.
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True, x.AutoMargin);
    }

    [Fact]
    public async Task Past_a_few_thousand_trials_a_sample_is_drawn_with_its_hover_texts_only()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<HeatmapChart>(p => p.Add(c => c.Data, Data(5000)));

        var trials = (Scatter)ChartHost.Traces(cut)[1];
        Assert.Equal(ScatterSample.MaxPoints, trials.X.Count);
        Assert.Equal(ScatterSample.MaxPoints, trials.TextArray.Count);
        Assert.Equal("5000", cut.Find("div.eh-chart").GetAttribute("data-total"));
    }

    [Fact]
    public async Task A_click_on_a_trial_opens_its_run_and_a_click_on_a_cell_does_not()
    {
        await using var ctx = ChartHost.Create();
        var clicked = new List<long>();
        var cut = ctx.Render<HeatmapChart>(p => p.Add(c => c.Data, Data(50)).Add(c => c.OnPointClick, id => clicked.Add(id)));
        var click = ChartHost.Plot(cut).Parameters.Get(p => p.ClickAction);

        await cut.InvokeAsync(() => click([ChartHost.Point(0, 12)]));
        await cut.InvokeAsync(() => click([ChartHost.Point(1, 0)]));

        cut.WaitForAssertion(() => Assert.Equal([1001L], clicked));
    }

    [Fact]
    public async Task An_empty_chart_says_why_it_is_empty()
    {
        await using var ctx = ChartHost.Create();
        var cut = ctx.Render<HeatmapChart>(p => p.Add(c => c.Data, Data(0)));

        Assert.Equal("No completed trial has lr, dropout and accuracy yet.", cut.Find(".eh-chart-empty").TextContent);
    }
}
