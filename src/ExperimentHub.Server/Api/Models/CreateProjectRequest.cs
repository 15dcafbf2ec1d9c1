namespace ExperimentHub.Server.Api.Models;

public sealed record CreateProjectRequest(string Key, string Name, string? Description = null);
