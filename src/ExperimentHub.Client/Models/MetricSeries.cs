namespace ExperimentHub.Client.Models;

public sealed record MetricSeries(string Key, IReadOnlyList<SeriesPoint> Points);
