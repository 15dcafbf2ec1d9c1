namespace ExperimentHub.Server.Api.Models;

public sealed record SeriesPointDto(long Step, double Value, DateTimeOffset Timestamp);
