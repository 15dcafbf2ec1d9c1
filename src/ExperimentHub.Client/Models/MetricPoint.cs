namespace ExperimentHub.Client.Models;

public sealed record MetricPoint(string Key, double Value, long Step, DateTimeOffset? Timestamp = null);
