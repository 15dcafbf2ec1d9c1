namespace ExperimentHub.Server.Data.Services;

/// <summary>A series as served: <see cref="TotalPoints"/> stored points, <see cref="Points"/> in step order.</summary>
public sealed record MetricSeries(string Key, long TotalPoints, bool Downsampled, IReadOnlyList<SeriesPoint> Points);
