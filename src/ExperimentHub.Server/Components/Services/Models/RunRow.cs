namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>A row of a runs table: the run, its state, its parameters (double, long, string or bool) and its summary metrics.</summary>
public sealed record RunRow(
    long Id,
    string? Name,
    string Status,
    long? SweepId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyDictionary<string, double> Summary,
    IReadOnlyDictionary<string, object> Parameters);
