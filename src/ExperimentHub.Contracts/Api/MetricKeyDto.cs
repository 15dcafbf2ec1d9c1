namespace ExperimentHub.Contracts.Api;

/// <summary>A metric of a run: point count, last value (at the highest step), finite extremes (null before any).</summary>
public sealed record MetricKeyDto(string Key, long Count, long LastStep, double Last, double? Min, double? Max, DateTimeOffset UpdatedAt);
