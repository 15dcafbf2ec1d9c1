namespace ExperimentHub.Contracts.Api;

public sealed record ProjectDto(string Key, string Name, string? Description, DateTimeOffset CreatedAt);
