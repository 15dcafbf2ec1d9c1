using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>A trial leased to, or running on, an agent.</summary>
public sealed record HeldTrial(long RunId, string? Name, long? SweepId, int? TrialNumber, RunStatus Status, string? GpuIndices, DateTimeOffset? StartedAt);
