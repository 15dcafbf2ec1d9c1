namespace ExperimentHub.Contracts.Api;

/// <summary>The new key: <see cref="Key"/> is its full text, shown only in this answer.</summary>
public sealed record CreatedKeyDto(
    long Id,
    string Key,
    string Name,
    string Role,
    string? Project,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);
