using System.Text.Json;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// A run; <see cref="Summary"/> is each metric's last value, overridden by the summary given at finish;
/// <see cref="LogTail"/> is the last lines of its process output (trials run by an agent), null when none was sent;
/// <see cref="Dataset"/> and <see cref="CodeVersion"/> its provenance, when known.
/// </summary>
public sealed record RunDto(
    long Id,
    string Project,
    long? SweepId,
    int? TrialNumber,
    string? Name,
    string Status,
    JsonElement Params,
    IReadOnlyDictionary<string, double> Summary,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int Attempt,
    int? ExitCode,
    string? Error,
    string? LogTail,
    string? Dataset = null,
    string? CodeVersion = null);
