namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// The objective over a grid of two parameters, as the model's estimate (<see cref="Z"/>: the bins smoothed, NaN
/// where no trial is near) and as the plain mean of each bin (<see cref="Binned"/>: NaN where the bin is empty); rows
/// follow <see cref="GridY"/>. The trials are drawn on top. Grid and points are in real units; log axes are drawn
/// logarithmic.
/// </summary>
public sealed record HeatmapData(
    IReadOnlyList<double> GridX,
    IReadOnlyList<double> GridY,
    IReadOnlyList<IReadOnlyList<double>> Z,
    IReadOnlyList<IReadOnlyList<double>> Binned,
    ScatterGroup Points,
    string XTitle,
    string YTitle,
    string ZTitle,
    bool XLog,
    bool YLog,
    AxisTicks? XTicks,
    AxisTicks? YTicks,
    bool LowerIsBetter);
