namespace ExperimentHub.Server.Api.Models;

public sealed record MetricSeriesDto(string Key, long TotalPoints, bool Downsampled, IReadOnlyList<SeriesPointDto> Points);
