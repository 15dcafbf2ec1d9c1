using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.LayoutLib.UpdateMenuLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// The heatmap's figure: the objective over two parameters as a filled surface (the model's estimate, or the mean of
/// each bin: a menu in the chart switches, in the browser) with the trials on top (a sample past a few thousand).
/// </summary>
public static class HeatmapFigure
{
    public static ChartFigure Build(HeatmapData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Points.X.Count == 0)
        {
            return ChartFigure.Empty($"No completed trial has {data.XTitle}, {data.YTitle} and {data.ZTitle} yet.");
        }
        var surface = new HeatMap
        {
            Name = data.ZTitle,
            X = [.. data.GridX.Cast<object>()],
            Y = [.. data.GridY.Cast<object>()],
            Z = Grid(data.Z),
            ColorScale = ChartLook.ObjectiveScale,
            ReverseScale = data.LowerIsBetter,
            HoverOnGaps = false,
            ColorBar = new Plotly.Blazor.Traces.HeatMapLib.ColorBar
            {
                Title = new Plotly.Blazor.Traces.HeatMapLib.ColorBarLib.Title { Text = data.ZTitle },
                Thickness = 14,
            },
            HoverTemplate = $"{data.XTitle}=%{{x:.4g}}<br>{data.YTitle}=%{{y:.4g}}<br>{data.ZTitle} %{{z:.4g}}<extra></extra>",
        };
        var shown = ScatterSample.Take(data.Points, ScatterSample.MaxPoints);
        var trials = ScatterTraces.Markers(shown, "trials", new Marker
        {
            Color = "rgba(20,20,30,0.75)",
            Size = shown.X.Count > 300 ? 5 : 6,
            Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#ffffff", Width = 0.5m },
        });
        var x = ChartLook.WithTicks(ChartLook.XAxis(data.XTitle, data.XLog), data.XTicks);
        var y = ChartLook.WithTicks(ChartLook.YAxis(data.YTitle, data.YLog), data.YTicks);
        var layout = ChartLook.Layout(x, y, data.XTitle + "|" + data.YTitle);
        // Room above for the surface menu and on the right for the colour bar, so that neither widens the margins
        // (which would draw the chart twice).
        layout.Margin!.T = 40;
        layout.Margin.R = 110;
        layout.UpdateMenus =
        [
            new UpdateMenu
            {
                Type = Plotly.Blazor.LayoutLib.UpdateMenuLib.TypeEnum.Buttons,
                Direction = DirectionEnum.Right,
                ShowActive = true,
                Active = 0,
                X = 0,
                XAnchor = Plotly.Blazor.LayoutLib.UpdateMenuLib.XAnchorEnum.Left,
                Y = 1.02m,
                YAnchor = Plotly.Blazor.LayoutLib.UpdateMenuLib.YAnchorEnum.Bottom,
                Buttons =
                [
                    Surface("model estimate", data.Z),
                    Surface("bin means", data.Binned),
                ],
            },
        ];
        return new ChartFigure(new List<ITrace> { surface, trials }, layout, data.Points.X.Count, [[], shown.Ids]);
    }

    private static Button Surface(string label, IReadOnlyList<IReadOnlyList<double>> grid) => new()
    {
        Label = label,
        Method = Plotly.Blazor.LayoutLib.UpdateMenuLib.ButtonLib.MethodEnum.Restyle,
        Args = [new Dictionary<string, object> { ["z"] = new object[] { Grid(grid) } }, new[] { 0 }],
    };

    private static List<object> Grid(IReadOnlyList<IReadOnlyList<double>> rows) => [.. rows.Select(r => (object)ChartLook.Rounded(r))];
}
