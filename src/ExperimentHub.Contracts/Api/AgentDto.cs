using System.Text.Json;

namespace ExperimentHub.Contracts.Api;

/// <summary>A registered agent and the trials it holds now.</summary>
public sealed record AgentDto(
    string Id,
    string Name,
    string Host,
    string Status,
    int Slots,
    int CpuCount,
    long MemoryBytes,
    JsonElement Gpus,
    string? Version,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? LastHeartbeatAt,
    IReadOnlyList<AgentTrialDto> Trials);
