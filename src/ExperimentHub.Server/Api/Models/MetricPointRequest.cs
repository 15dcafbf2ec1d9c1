namespace ExperimentHub.Server.Api.Models;

/// <summary>One point; <see cref="Value"/> may be "NaN", "Infinity" or "-Infinity".</summary>
public sealed record MetricPointRequest(string Key, double Value, long Step, DateTimeOffset? Timestamp = null);
