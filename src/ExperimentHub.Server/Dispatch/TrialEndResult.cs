using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>What an agent's end report did: <paramref name="Accepted"/> false when the run was not leased to it any more.</summary>
public sealed record TrialEndResult(bool Accepted, long SweepId, RunStatus Status);
