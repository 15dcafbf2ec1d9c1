namespace ExperimentHub.Server.Data.Services;

public readonly record struct SeriesPoint(long Step, double Value, DateTimeOffset Timestamp);
