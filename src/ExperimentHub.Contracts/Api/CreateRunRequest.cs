using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// <see cref="Params"/> must be a JSON object (or absent). <see cref="Dataset"/> and <see cref="CodeVersion"/> are
/// provenance: the data set the run trains on and the version of its code (a git commit), both free text.
/// </summary>
/// <remarks>A request: a field this server does not know is refused rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateRunRequest(string? Name = null, JsonElement? Params = null, string? Dataset = null, string? CodeVersion = null);
