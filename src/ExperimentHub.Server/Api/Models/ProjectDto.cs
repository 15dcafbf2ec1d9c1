namespace ExperimentHub.Server.Api.Models;

public sealed record ProjectDto(string Key, string Name, string? Description, DateTimeOffset CreatedAt);
