using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary><see cref="Status"/>: completed, failed, stopped, pruned or timed_out.</summary>
/// <remarks>A request: a field this server does not know is refused rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FinishRunRequest(string Status, IReadOnlyDictionary<string, double>? Summary = null);
