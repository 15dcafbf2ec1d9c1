namespace ExperimentHub.Contracts.Api;

public sealed record SeriesPointDto(long Step, double Value, DateTimeOffset Timestamp);
