namespace ExperimentHub.Contracts.Agents;

/// <summary>Server to agent: stop this run's process tree (gracefully, then by force) and report its end as stopped.</summary>
public sealed record StopTrial(long RunId, string Reason);
