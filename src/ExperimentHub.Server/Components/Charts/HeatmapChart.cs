using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The objective over two chosen parameters; hovering names a trial, clicking opens its run, box or lasso picks trials.</summary>
public sealed class HeatmapChart : PlotlyChartBase
{
    [Parameter, EditorRequired] public HeatmapData Data { get; set; } = default!;

    protected override string Kind => "heatmap";

    protected override object DataIdentity => Data;

    protected override ChartFigure BuildFigure() => HeatmapFigure.Build(Data);
}
