namespace ExperimentHub.Contracts.Api;

/// <summary>An objective of a sweep: its metric and <c>minimize</c> or <c>maximize</c>.</summary>
public sealed record SweepObjectiveDto(string Metric, string Goal);
