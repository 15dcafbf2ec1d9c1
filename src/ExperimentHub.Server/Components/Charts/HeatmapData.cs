namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// The objective estimated over a grid of two parameters (rows follow <see cref="GridY"/>; NaN where no trial is
/// near) with the trials drawn on top. Grid and points are in real units; log axes are drawn logarithmic.
/// </summary>
public sealed record HeatmapData(
    IReadOnlyList<double> GridX,
    IReadOnlyList<double> GridY,
    IReadOnlyList<IReadOnlyList<double>> Z,
    ScatterGroup Points,
    string XTitle,
    string YTitle,
    string ZTitle,
    bool XLog,
    bool YLog,
    AxisTicks? XTicks,
    AxisTicks? YTicks,
    bool LowerIsBetter);
