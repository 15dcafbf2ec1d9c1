using Plotly.Blazor;
using Plotly.Blazor.Traces.ScatterLib;
using Plotly.Blazor.Traces.ScatterLib.MarkerLib;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// The Pareto chart's figure: dominated trials faded (a sample past a few thousand), infeasible ones as red crosses
/// (capped), the whole front as a step line.
/// </summary>
public static class ParetoFigure
{
    public static ChartFigure Build(ParetoData data, double hypervolume)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Total == 0)
        {
            return ChartFigure.Empty("No completed trial has both objectives yet: the front appears as trials finish.");
        }
        var shown = data.Sampled();
        var small = shown.Total <= 300;
        var dominated = ScatterTraces.Markers(shown.Dominated, "dominated",
            new Marker { Color = ChartLook.Muted, Opacity = 0.5m, Size = small ? 7 : 4 });
        var infeasible = ScatterTraces.Markers(shown.Infeasible, "infeasible",
            new Marker { Color = ChartLook.Danger, Opacity = 0.85m, Size = small ? 8 : 6, Symbol = SymbolEnum.X });
        // The card's heading names the hypervolume; the legend only names the trace.
        var front = ScatterTraces.Markers(shown.Front, "Pareto front",
            new Marker { Color = ChartLook.Accent, Size = 8, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#5a3200", Width = 1 } },
            ModeFlag.Lines | ModeFlag.Markers);
        front.Line = new Plotly.Blazor.Traces.ScatterLib.Line
        {
            Color = ChartLook.Accent,
            Width = 2,
            Shape = data.XMaximized ? Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Vh : Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv,
        };
        var layout = ChartLook.Layout(ChartLook.XAxis(data.XTitle), ChartLook.YAxis(data.YTitle), data.XTitle + "|" + data.YTitle, legend: true);
        return new ChartFigure(
            new List<ITrace> { dominated, infeasible, front },
            layout,
            data.Total,
            [shown.Dominated.Ids, shown.Infeasible.Ids, shown.Front.Ids]);
    }
}
