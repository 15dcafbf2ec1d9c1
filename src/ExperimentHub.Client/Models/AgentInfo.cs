using System.Text.Json;

namespace ExperimentHub.Client.Models;

/// <summary>A registered agent (<c>GET /api/v1/agents</c>) and the trials it holds now.</summary>
public sealed record AgentInfo(
    string Id,
    string Name,
    string? Host,
    string Status,
    int Slots,
    JsonElement Gpus,
    string? Version,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? LastHeartbeatAt,
    IReadOnlyList<AgentTrial>? Trials);
