using System.Text.Json;

namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>One trial of a sweep, as <c>GET /api/v1/sweeps/{id}/trials</c> lists it.</summary>
public sealed record TrialInfo(
    long RunId,
    int TrialNumber,
    string Status,
    JsonElement Params,
    IReadOnlyDictionary<string, double> Metrics,
    int Attempt,
    string? AgentId,
    int? ExitCode,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);
