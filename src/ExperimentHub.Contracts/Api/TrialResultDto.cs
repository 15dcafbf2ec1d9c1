using System.Text.Json;

namespace ExperimentHub.Contracts.Api;

/// <summary>A finished trial as a result: its run, parameters and metrics (NaN as "NaN" on the wire).</summary>
public sealed record TrialResultDto(long RunId, int TrialNumber, JsonElement Params, IReadOnlyDictionary<string, double> Metrics);
