using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The objective over two chosen parameters; clicking a trial reports its run id.</summary>
public sealed class HeatmapChart : ChartBase
{
    [Parameter, EditorRequired] public HeatmapData Data { get; set; } = default!;

    [Parameter] public EventCallback<long> OnPointClick { get; set; }

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

    protected override Task OnChartEventAsync(string name, JsonElement data) =>
        name == "click" && data.TryGetInt64(out var runId) ? OnPointClick.InvokeAsync(runId) : Task.CompletedTask;
}
