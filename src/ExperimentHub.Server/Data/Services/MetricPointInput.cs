namespace ExperimentHub.Server.Data.Services;

/// <summary>One point to store: any double, NaN and infinities included; the timestamp defaults to the time of writing.</summary>
public readonly record struct MetricPointInput(string Key, long Step, double Value, DateTimeOffset? Timestamp = null);
