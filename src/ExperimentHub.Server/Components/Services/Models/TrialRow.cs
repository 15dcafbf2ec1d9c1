namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>One trial of a sweep: its run, state, parameters (double, long, string or bool) and final metrics.</summary>
public sealed record TrialRow(
    long RunId,
    int Number,
    string State,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
