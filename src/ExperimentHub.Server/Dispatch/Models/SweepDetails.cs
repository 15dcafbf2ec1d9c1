namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>
/// A sweep's state for the API and the dashboard. <see cref="Best"/> is the best feasible trial of a single-objective
/// sweep; <see cref="Pareto"/> the non-dominated feasible trials (of every sweep, one trial for a single objective).
/// </summary>
public sealed record SweepDetails(
    long Id,
    string ProjectKey,
    string Name,
    string Status,
    string? StatusReason,
    string Method,
    IReadOnlyList<ObjectiveInfo> Objectives,
    int TrialsTotal,
    int TrialsCompleted,
    int TrialsRunning,
    int TrialsPending,
    int TrialsFailed,
    int TrialsPruned,
    int TrialsStopped,
    BudgetInfo Budget,
    TrialResult? Best,
    IReadOnlyList<TrialResult> Pareto,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);
