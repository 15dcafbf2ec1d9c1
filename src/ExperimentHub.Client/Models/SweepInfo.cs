namespace ExperimentHub.Client.Models;

/// <summary>
/// A sweep's state (<c>GET /api/v1/sweeps/{id}</c>): status (running, paused, stopped, completed, failed) and why,
/// trial counts, budget, the best trial of a single objective and the Pareto set of several.
/// </summary>
public sealed record SweepInfo(
    long Id,
    string? ProjectKey,
    string Name,
    string Status,
    string? StatusReason,
    string? Method,
    IReadOnlyList<SweepObjective>? Objectives,
    int TrialsTotal,
    int TrialsCompleted,
    int TrialsRunning,
    int TrialsPending,
    int TrialsFailed,
    int TrialsPruned,
    int TrialsStopped,
    SweepBudgetInfo? Budget,
    SweepTrialResult? Best,
    IReadOnlyList<SweepTrialResult>? Pareto,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>Completed, stopped and failed sweeps change no more; a paused one waits for a resume.</summary>
    public bool IsFinished => Status is "completed" or "stopped" or "failed";

    /// <summary>The trial budget with its extensions.</summary>
    public int TrialBudget => Budget is { } b ? b.Trials + b.ExtraTrials : 0;
}
