using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>A trial the reaper changed: requeued or failed after its lease expired, or timed out (its agent is told to stop).</summary>
public sealed record ReapedTrial(long RunId, long SweepId, RunStatus Status, string? AgentId);
