using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// The outcome of an asked trial: <see cref="Values"/> of the sweep's objectives (and any other final metrics), or
/// <see cref="Status"/> <c>failed</c> with a <see cref="Reason"/>.
/// </summary>
/// <remarks>A request: a field this server does not know is refused rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TellRequest(IReadOnlyDictionary<string, double>? Values = null, string? Status = null, string? Reason = null);
