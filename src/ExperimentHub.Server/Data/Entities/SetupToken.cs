namespace ExperimentHub.Server.Data.Entities;

/// <summary>The secret of a first-start link that creates the first admin: stored as its SHA-256, used once, expiring.</summary>
public sealed class SetupToken
{
    public long Id { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
