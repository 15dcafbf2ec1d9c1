namespace ExperimentHub.Server.Api.Models;

/// <summary><see cref="Status"/>: completed, failed, stopped, pruned or timed_out.</summary>
public sealed record FinishRunRequest(string Status, Dictionary<string, double>? Summary = null);
