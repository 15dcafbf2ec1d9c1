namespace ExperimentHub.Server.Components.Services.Models;

public sealed record AgentRow(
    string Id,
    string Name,
    string? Host,
    bool Online,
    int Slots,
    IReadOnlyList<GpuRow> Gpus,
    IReadOnlyList<AgentTrialRow> Running,
    DateTimeOffset? LastHeartbeat,
    string? Version);
