using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>Parameter importance: each parameter's share of the variance of the objective.</summary>
public sealed class ImportanceChart : PlotlyChartBase
{
    /// <summary>Shares in [0, 1] by parameter name; empty while there are too few trials.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<KeyValuePair<string, double>> Shares { get; set; } = [];

    [Parameter, EditorRequired] public string Metric { get; set; } = "";

    /// <summary>The completed trials importance needs, named when it is empty.</summary>
    [Parameter] public int MinTrials { get; set; } = Analysis.ImportanceBuilder.MinTrials;

    protected override string Kind => "importance";

    protected override object DataIdentity => (Shares, Metric, MinTrials);

    protected override ChartFigure BuildFigure() => ImportanceFigure.Build(Shares, Metric, MinTrials);
}
