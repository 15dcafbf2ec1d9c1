using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The plot of <see cref="MetricChart"/>: curves of one metric, redrawn as points arrive.</summary>
public sealed class MetricPlot : PlotlyChartBase
{
    [Parameter, EditorRequired] public IReadOnlyList<MetricCurve> Curves { get; set; } = [];

    [Parameter, EditorRequired] public string Metric { get; set; } = "";

    [Parameter] public MetricAxis Axis { get; set; }

    [Parameter] public bool LogY { get; set; }

    [Parameter] public double Smoothing { get; set; }

    protected override string Kind => "line";

    protected override object DataIdentity => (Curves, Metric, Axis, LogY, Smoothing);

    protected override ChartFigure BuildFigure() => MetricFigure.Build(Curves, Metric, Axis, LogY, Smoothing);
}
