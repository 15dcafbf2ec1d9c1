namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// What an agent tells the server when it connects, and again after every reconnect.
/// <paramref name="InstanceId"/> is fixed for the life of the agent process, so the server can tell a
/// reconnecting agent from a new one; <paramref name="Slots"/> is how many trials it runs at once.
/// </summary>
public sealed record AgentRegistration(
    string Name,
    string Host,
    string Version,
    int Slots,
    int CpuCount,
    long MemoryBytes,
    IReadOnlyList<GpuInfo> Gpus,
    string InstanceId);
