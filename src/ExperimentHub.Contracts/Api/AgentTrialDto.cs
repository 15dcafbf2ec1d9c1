namespace ExperimentHub.Contracts.Api;

/// <summary>A trial an agent holds: leased (starting) or running; <see cref="RunName"/> is its run's name, when it has one.</summary>
public sealed record AgentTrialDto(long RunId, long? SweepId, int? TrialNumber, string Status, string? GpuIndices, DateTimeOffset? StartedAt, string? RunName = null);
