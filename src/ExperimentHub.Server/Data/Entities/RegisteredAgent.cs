namespace ExperimentHub.Server.Data.Entities;

/// <summary>A machine that runs trials; its id is chosen by the agent and stays the same across reconnects.</summary>
public sealed class RegisteredAgent
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Host { get; set; }
    /// <summary>The GPUs as a JSON array of objects (index, name, memory), "[]" when there are none.</summary>
    public string GpusJson { get; set; } = "[]";
    public int CpuCount { get; set; }
    public long MemoryBytes { get; set; }
    /// <summary>How many trials it runs at once.</summary>
    public int Slots { get; set; }
    public string? Version { get; set; }
    public DateTimeOffset? ConnectedAt { get; set; }
    public DateTimeOffset? LastHeartbeatAt { get; set; }
    public AgentStatus Status { get; set; }
    /// <summary>The key that first registered this agent id: only it may register the id again (null: not yet bound).</summary>
    public long? ApiKeyId { get; set; }
}
