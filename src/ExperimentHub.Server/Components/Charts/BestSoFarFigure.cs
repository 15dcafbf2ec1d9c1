using Plotly.Blazor;
using Plotly.Blazor.Traces.ScatterLib;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>Best so far: each completed trial's objective (thinned past a few thousand) and the best value as a step line.</summary>
public static class BestSoFarFigure
{
    public static ChartFigure Build(BestSoFarData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Completed == 0)
        {
            return ChartFigure.Empty($"No completed trial has reported {data.Metric} yet.");
        }
        var trials = ScatterTraces.Markers(data.Trials, "trial",
            new Marker { Color = ChartLook.Primary, Opacity = 0.55m, Size = data.Trials.X.Count > 300 ? 5 : 6 });
        var best = ScatterTraces.Markers(data.Best, "best so far",
            new Marker { Color = ChartLook.Accent, Size = 7 }, ModeFlag.Lines | ModeFlag.Markers);
        best.Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = ChartLook.Accent, Width = 2, Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv };
        best.SelectedPoints = null;
        var x = ChartLook.CountAxis(ChartLook.XAxis("completed trials"), data.Completed);
        var layout = ChartLook.Layout(x, ChartLook.YAxis(data.Metric), data.Metric, legend: true);
        return new ChartFigure(new List<ITrace> { trials, best }, layout, data.Completed, [data.Trials.Ids, data.Best.Ids]);
    }
}
