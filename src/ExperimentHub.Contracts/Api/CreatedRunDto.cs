using System.Text.Json;

namespace ExperimentHub.Contracts.Api;

/// <summary>The new run; <see cref="Token"/> may write to it alone and is shown only here.</summary>
public sealed record CreatedRunDto(long Id, string Token, string Project, string? Name, string Status, JsonElement Params, DateTimeOffset CreatedAt);
