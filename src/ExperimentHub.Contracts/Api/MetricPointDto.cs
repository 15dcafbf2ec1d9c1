using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary>One point; <see cref="Value"/> may be "NaN", "Infinity" or "-Infinity".</summary>
/// <remarks>A request: a field this server does not know is refused rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MetricPointDto(string Key, double Value, long Step, DateTimeOffset? Timestamp = null);
