using System.Text.Json;

namespace ExperimentHub.Client.Models;

public sealed record RunInfo(
    long Id,
    string? Name,
    string Status,
    IReadOnlyDictionary<string, JsonElement>? Params,
    IReadOnlyDictionary<string, double>? Summary,
    string? LogTail = null);
