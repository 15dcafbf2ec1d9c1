namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>A row of a runs table: the run, its state and its summary metrics.</summary>
public sealed record RunRow(
    long Id,
    string? Name,
    string Status,
    long? SweepId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyDictionary<string, double> Summary);
