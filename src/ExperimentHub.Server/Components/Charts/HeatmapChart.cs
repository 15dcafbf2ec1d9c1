using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The objective over two chosen parameters; clicking a trial reports its run id.</summary>
public sealed class HeatmapChart : PointChartBase
{
    [Parameter, EditorRequired] public HeatmapData Data { get; set; } = default!;

    protected override string Kind => "heatmap";

    protected override object DataIdentity => Data;

    protected override object BuildPayload() => new
    {
        gridX = Data.GridX,
        gridY = Data.GridY,
        z = Data.Z.Select(ChartPayload.Finite),
        points = ScatterPayload.From(ScatterSample.Take(Data.Points, ScatterSample.MaxPoints)),
        total = Data.Points.X.Count,
        xTitle = Data.XTitle,
        yTitle = Data.YTitle,
        zTitle = Data.ZTitle,
        xLog = Data.XLog,
        yLog = Data.YLog,
        xTicks = Data.XTicks is { } xt ? new { vals = xt.Values, text = xt.Text } : null,
        yTicks = Data.YTicks is { } yt ? new { vals = yt.Values, text = yt.Text } : null,
        reverseScale = Data.LowerIsBetter,
    };
}
