namespace ExperimentHub.Server.Components.Charts;

/// <summary>One trace of a <see cref="LineChart"/>; NaN values leave a gap.</summary>
/// <param name="Mode">plotly mode: lines, markers (a series of one point) or lines+markers.</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string Mode = "lines");
