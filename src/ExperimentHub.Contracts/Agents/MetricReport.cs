namespace ExperimentHub.Contracts.Agents;

/// <summary>A batch of metric points of one trial, read from its standard output.</summary>
public sealed record MetricReport(long RunId, IReadOnlyList<MetricReportPoint> Points);
