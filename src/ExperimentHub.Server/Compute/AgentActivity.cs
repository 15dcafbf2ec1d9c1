namespace ExperimentHub.Server.Compute;

/// <param name="LastHeartbeatAt">When the agent last registered or heartbeated.</param>
/// <param name="HeldTrials">Trials leased to it or running on it now.</param>
public sealed record AgentActivity(DateTimeOffset? LastHeartbeatAt, int HeldTrials);
