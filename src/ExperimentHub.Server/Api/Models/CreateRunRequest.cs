using System.Text.Json;

namespace ExperimentHub.Server.Api.Models;

/// <summary><see cref="Params"/> must be a JSON object (or absent).</summary>
public sealed record CreateRunRequest(string? Name = null, JsonElement? Params = null);
