namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>An objective of a sweep: its metric and <c>minimize</c> or <c>maximize</c>.</summary>
public sealed record ObjectiveInfo(string Metric, string Goal);
