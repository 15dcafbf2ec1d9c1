using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <remarks>A request: a field this server does not know is refused rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateProjectRequest(string Key, string Name, string? Description = null);
