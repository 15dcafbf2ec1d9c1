namespace ExperimentHub.Server.Components.Charts;

/// <summary>One trace of a <see cref="LineChart"/>; NaN values leave a gap.</summary>
/// <param name="Mode">plotly mode: lines, markers or lines+markers.</param>
/// <param name="Shape">line shape: linear, or hv for a step (best so far).</param>
public sealed record LineSeries(
    string Name,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    string Mode = "lines",
    string Shape = "linear",
    string? Color = null,
    double Opacity = 1);
