namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>A row of a project's sweeps table.</summary>
public sealed record SweepSummary(
    long Id,
    string Name,
    string Status,
    string Method,
    int TrialsCompleted,
    int TrialsRunning,
    int? TrialBudget,
    DateTimeOffset CreatedAt);
