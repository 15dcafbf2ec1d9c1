namespace ExperimentHub.Server.Api.Models;

/// <summary>A trial an agent holds: leased (starting) or running.</summary>
public sealed record AgentTrialDto(long RunId, long? SweepId, int? TrialNumber, string Status, string? GpuIndices, DateTimeOffset? StartedAt);
