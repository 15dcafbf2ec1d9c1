using System.Text.Json;

namespace ExperimentHub.Client.Models;

/// <summary>One trial of a sweep (<c>GET /api/v1/sweeps/{id}/trials</c>); <see cref="Attempt"/> counts its leases.</summary>
public sealed record TrialInfo(
    long RunId,
    int TrialNumber,
    string Status,
    IReadOnlyDictionary<string, JsonElement>? Params,
    IReadOnlyDictionary<string, double>? Metrics,
    int Attempt,
    string? AgentId,
    int? ExitCode,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);
