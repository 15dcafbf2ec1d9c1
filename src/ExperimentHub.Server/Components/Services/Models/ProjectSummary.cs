namespace ExperimentHub.Server.Components.Services.Models;

public sealed record ProjectSummary(
    long Id, string Key, string Name, string? Description, DateTimeOffset CreatedAt, int SweepCount, int RunCount, DateTimeOffset? LastActivity);
