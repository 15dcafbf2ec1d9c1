using System.Text.Json;
using Bunit;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Tests.Components.Sweeps;

namespace ExperimentHub.Server.Tests.Components.Charts;

/// <summary>The canvas parallel coordinates (kept over plotly's WebGL parcoords, see ChartBase).</summary>
public sealed class ParallelCoordinatesChartTests
{
    private static ParcoordsData Data(int trials) => ParallelCoordinates.Build(SweepFixtures.Trials(trials), SweepFixtures.Spec()).Data;

    [Fact]
    public async Task Draws_through_its_module_with_an_axis_per_parameter_and_objective()
    {
        await using var ctx = ChartHost.Create();
        var module = ctx.JSInterop.SetupModule("./js/charts/parcoords.js");
        module.Mode = JSRuntimeMode.Loose;
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Data, Data(120)).Add(c => c.Label, "parallel coordinates"));

        var element = cut.Find("div.eh-chart");
        Assert.Equal("parcoords", element.GetAttribute("data-chart"));
        Assert.Equal("parallel coordinates", element.GetAttribute("aria-label"));
        var init = Assert.Single(module.Invocations["init"]);
        using var payload = JsonDocument.Parse(JsonSerializer.Serialize(init.Arguments[1]));
        Assert.Equal(["lr", "layers", "dropout", "optimizer", "accuracy", "inference_ms"],
            payload.RootElement.GetProperty("dimensions").EnumerateArray().Select(d => d.GetProperty("label").GetString()));
        Assert.Equal("accuracy", payload.RootElement.GetProperty("colorTitle").GetString());
    }

    [Fact]
    public async Task Trials_picked_on_another_chart_travel_as_one_flag_per_line_and_a_new_pick_draws_again()
    {
        await using var ctx = ChartHost.Create();
        var module = ctx.JSInterop.SetupModule("./js/charts/parcoords.js");
        module.Mode = JSRuntimeMode.Loose;
        var coordinates = ParallelCoordinates.Build(SweepFixtures.Trials(40), SweepFixtures.Spec());
        var picked = coordinates.PickedLines(coordinates.RunIds.Where((_, i) => i % 3 == 0).ToHashSet());
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Data, coordinates.Data));

        var init = Assert.Single(module.Invocations["init"]);
        using (var payload = JsonDocument.Parse(JsonSerializer.Serialize(init.Arguments[1])))
        {
            Assert.Equal(JsonValueKind.Null, payload.RootElement.GetProperty("picked").ValueKind);
        }

        cut.Render(p => p.Add(c => c.Data, coordinates.Data).Add(c => c.Picked, picked));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["update"]));
        var update = module.Invocations["update"][0];
        using var picks = JsonDocument.Parse(JsonSerializer.Serialize(update.Arguments[1]));
        var flags = picks.RootElement.GetProperty("picked").GetBytesFromBase64();
        Assert.Equal(coordinates.Data.Color.Count, flags.Length);
        Assert.Equal(Enumerable.Range(0, flags.Length).Select(i => i % 3 == 0 ? (byte)1 : (byte)0), flags);
    }

    [Fact]
    public void Picked_flags_for_another_number_of_lines_are_refused()
    {
        var data = Data(20);
        var error = Assert.Throws<ArgumentException>(() => ParcoordsPayload.Build(data, new bool[data.Color.Count + 1]));
        Assert.Contains($"{data.Color.Count + 1} picked flags for {data.Color.Count} lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_brush_reports_every_brushed_axis_and_bad_axes_are_left_out()
    {
        await using var ctx = ChartHost.Create();
        var reported = new List<IReadOnlyList<AxisBrush>>();
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Data, Data(60)).Add(c => c.OnBrush, b => reported.Add(b)));

        using var brush = JsonDocument.Parse("""[{"index": 1, "ranges": [[3, 7]]}, {"index": 99, "ranges": [[0, 1]]}, {"index": 4, "ranges": [[0.6, 0.8], [0.9, 0.95]]}]""");
        await cut.InvokeAsync(() => cut.Instance.DispatchEventAsync("brush", brush.RootElement));

        var brushes = Assert.Single(reported);
        Assert.Equal([1, 4], brushes.Select(b => b.Dimension));
        Assert.Equal([new BrushRange(3, 7)], brushes[0].Ranges);
        Assert.Equal([new BrushRange(0.6, 0.8), new BrushRange(0.9, 0.95)], brushes[1].Ranges);
    }

    [Fact]
    public async Task Clearing_the_filter_on_the_page_draws_the_chart_again()
    {
        await using var ctx = ChartHost.Create();
        var module = ctx.JSInterop.SetupModule("./js/charts/parcoords.js");
        module.Mode = JSRuntimeMode.Loose;
        var data = Data(30);
        var cut = ctx.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Data, data));

        cut.Render(p => p.Add(c => c.Data, data));
        Assert.Empty(module.Invocations["update"]);
        cut.Render(p => p.Add(c => c.Data, data).Add(c => c.Generation, 1));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["update"]));
    }
}
