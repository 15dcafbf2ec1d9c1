namespace ExperimentHub.Contracts.Agents;

/// <summary>Sent every <see cref="RegistrationAccepted.HeartbeatSeconds"/>: the runs the agent is running now; extends their leases.</summary>
public sealed record Heartbeat(IReadOnlyList<long> RunningRunIds);
