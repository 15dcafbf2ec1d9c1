namespace ExperimentHub.Contracts.Api;

public sealed record ArtifactDto(string Path, long Size, string ContentType, string? Sha256, DateTimeOffset CreatedAt);
