namespace ExperimentHub.Server.Components.Services.Models;

public sealed record ProjectOverview(long Id, string Key, string Name, string? Description, DateTimeOffset CreatedAt, IReadOnlyList<SweepSummary> Sweeps);
