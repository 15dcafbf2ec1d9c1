using System.Text.Json;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// One trial of a sweep, as <c>GET /api/v1/sweeps/{id}/trials</c> lists it. A trial of a warm start's initial design
/// names the earlier sweep and run whose configuration it took (<see cref="WarmStartSweepId"/>, <see cref="WarmStartRunId"/>).
/// </summary>
public sealed record TrialDto(
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
    DateTimeOffset? EndedAt,
    long? WarmStartSweepId = null,
    long? WarmStartRunId = null);
