namespace ExperimentHub.Server.Data.Entities;

/// <summary>
/// A bearer key <c>ehk_&lt;public id&gt;_&lt;secret&gt;</c> (run tokens <c>ehr_...</c>): found by its public id, kept only
/// as the SHA-256 of its secret (see <see cref="Auth.ApiKeyTokens"/> for why that is enough).
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    /// <summary>The user who made the key (it acts for them); null for run tokens and agent keys of the server's own agent.</summary>
    public long? UserId { get; set; }
    public User? User { get; set; }
    /// <summary>The only run a <see cref="ApiKeyScope.Run"/> token may write to.</summary>
    public long? RunId { get; set; }
    public Run? Run { get; set; }
    /// <summary>The public part of the key text, not secret; null for keys made before keys had one (refused).</summary>
    public string? PublicId { get; set; }
    /// <summary>The one project an owner, editor or viewer key may act on; null for every project its user may.</summary>
    public long? ProjectId { get; set; }
    public Project? Project { get; set; }
    /// <summary>The only sweep a <see cref="ApiKeyScope.SweepAgent"/> key may run trials of.</summary>
    public long? SweepId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, to recognise it in lists.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the secret part (of the whole text for the configured bootstrap key).</summary>
    public required string Hash { get; set; }
    /// <summary>The key's role.</summary>
    public ApiKeyScope Scope { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>When the key was last seen, to the minute or so (written when the key is looked up, not on every request).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
