namespace ExperimentHub.Client.Models;

/// <summary>An objective of a sweep: its metric and <c>minimize</c> or <c>maximize</c>.</summary>
public sealed record SweepObjective(string Metric, string Goal);
