using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The objective of each completed trial and the best so far; hovering names a trial, clicking opens its run.</summary>
public sealed class BestSoFarChart : PlotlyChartBase
{
    [Parameter, EditorRequired] public BestSoFarData Data { get; set; } = default!;

    protected override string Kind => "best-so-far";

    protected override object DataIdentity => Data;

    protected override ChartFigure BuildFigure() => BestSoFarFigure.Build(Data);
}
