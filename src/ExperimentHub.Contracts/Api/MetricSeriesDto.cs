namespace ExperimentHub.Contracts.Api;

public sealed record MetricSeriesDto(string Key, long TotalPoints, bool Downsampled, IReadOnlyList<SeriesPointDto> Points);
