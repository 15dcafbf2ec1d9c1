namespace ExperimentHub.Server.Data.Entities;

/// <summary>A bearer key, kept only as the SHA-256 of its text (keys are high-entropy, so no slow hash is needed).</summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    /// <summary>The owner of an admin key; null for run tokens.</summary>
    public long? UserId { get; set; }
    public User? User { get; set; }
    /// <summary>The only run a <see cref="ApiKeyScope.Run"/> token may write to.</summary>
    public long? RunId { get; set; }
    public Run? Run { get; set; }
    /// <summary>The only sweep a <see cref="ApiKeyScope.SweepAgent"/> key may run trials of.</summary>
    public long? SweepId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, to recognise it in lists.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the UTF-8 key.</summary>
    public required string Hash { get; set; }
    public ApiKeyScope Scope { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
