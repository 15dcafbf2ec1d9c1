namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// The server's answer to a registration: the agent's id, how often it must heartbeat, and how long a lease
/// lives without a heartbeat (the agent reconnects well within it to keep its trials).
/// </summary>
public sealed record RegistrationAccepted(long AgentId, int HeartbeatSeconds, int LeaseSeconds);
