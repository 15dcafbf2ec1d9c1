namespace ExperimentHub.Server.Data.Entities;

/// <summary>The row of a stored artifact; the bytes live in the artifact store under <c>runs/{RunId}/{Path}</c>.</summary>
public sealed class Artifact
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public Run? Run { get; set; }
    /// <summary>A validated relative path with '/' separators.</summary>
    public required string Path { get; set; }
    public long Size { get; set; }
    public required string ContentType { get; set; }
    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string? Sha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
