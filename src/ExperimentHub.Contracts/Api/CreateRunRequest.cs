using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary><see cref="Params"/> must be a JSON object (or absent).</summary>
/// <remarks>A request: a field this server does not know is refused rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateRunRequest(string? Name = null, JsonElement? Params = null);
