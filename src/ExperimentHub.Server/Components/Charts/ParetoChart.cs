using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The Pareto front of two objectives; hovering names a trial, clicking opens its run, box or lasso picks trials.</summary>
public sealed class ParetoChart : PlotlyChartBase
{
    [Parameter, EditorRequired] public ParetoData Data { get; set; } = default!;

    [Parameter] public double Hypervolume { get; set; }

    protected override string Kind => "pareto";

    protected override object DataIdentity => (Data, Hypervolume);

    protected override ChartFigure BuildFigure() => ParetoFigure.Build(Data, Hypervolume);
}
