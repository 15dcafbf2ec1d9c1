namespace ExperimentHub.Server.Components.Services.Models;

public sealed record ArtifactRow(string Path, long SizeBytes, DateTimeOffset CreatedAt);
