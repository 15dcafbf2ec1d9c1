using System.Text.Json;

namespace ExperimentHub.Client.Models;

/// <summary>A finished trial as a result: its run, parameters and metrics.</summary>
public sealed record SweepTrialResult(long RunId, int TrialNumber, IReadOnlyDictionary<string, JsonElement>? Params, IReadOnlyDictionary<string, double>? Metrics);
