namespace ExperimentHub.Contracts.Api;

/// <summary>A key as lists show it: never its secret. <see cref="Prefix"/> is its public part (<c>ehk_&lt;id&gt;</c>).</summary>
public sealed record KeyDto(
    long Id,
    string Name,
    string Role,
    string? Project,
    string Prefix,
    string? User,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt);
