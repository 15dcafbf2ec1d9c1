namespace ExperimentHub.Server.Components.Charts;

/// <summary>One run's series of a metric, as the server downsampled it; NaN values leave a gap.</summary>
/// <param name="RunId">The run, for the legend and hover; null for a curve outside any run.</param>
public sealed record MetricCurve(string Name, long? RunId, IReadOnlyList<long> Steps, IReadOnlyList<double> Values, IReadOnlyList<DateTimeOffset> Times);
