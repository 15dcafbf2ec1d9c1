using System.Text.Json;

namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>A finished trial as a result: its run, parameters and metrics (NaN as "NaN" on the wire).</summary>
public sealed record TrialResult(long RunId, int TrialNumber, JsonElement Params, IReadOnlyDictionary<string, double> Metrics);
