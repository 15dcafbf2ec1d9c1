namespace ExperimentHub.Client.Models;

public sealed record SeriesPoint(long Step, double Value, DateTimeOffset? Timestamp);
