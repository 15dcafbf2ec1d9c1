using ExperimentHub.Core.Specs;

namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>
/// A sweep's state and its parsed spec (null when the stored spec no longer parses); <see cref="SetupLog"/> is the end
/// of the git or install output of an agent whose code set-up failed and paused the sweep; for <c>warm_start: auto</c>,
/// what it found (<see cref="WarmStartNote"/>) and the trials that came from history.
/// </summary>
public sealed record SweepOverview(
    long Id,
    string ProjectKey,
    string Name,
    string Status,
    string? StatusReason,
    string SpecText,
    SweepSpec? Spec,
    int TrialBudget,
    TrialCounts Counts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? SetupLog = null,
    string? WarmStartNote = null,
    IReadOnlyList<HistoryTrial>? FromHistory = null)
{
    public bool CanPause => Status is "running";

    public bool CanResume => Status is "paused";

    public bool CanStop => Status is "running" or "paused";

    public bool IsLive => Status is "running" or "paused";
}
