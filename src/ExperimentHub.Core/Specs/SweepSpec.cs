using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Specs;

/// <summary>A validated sweep spec (ARCHITECTURE.md, "Sweep spec"). Built only by <see cref="SweepSpecParser"/>.</summary>
public sealed record SweepSpec
{
    public required string Name { get; init; }
    /// <summary>The argument list; <c>${name}</c> and <c>${args}</c> are replaced per trial.</summary>
    public required IReadOnlyList<string> Command { get; init; }
    public string? Workdir { get; init; }
    public required SearchMethod Method { get; init; }
    public required IReadOnlyList<Objective> Objectives { get; init; }
    public IReadOnlyList<Constraint> Constraints { get; init; } = [];
    public required SearchSpace Space { get; init; }
    public required SweepBudget Budget { get; init; }
    public EarlyStoppingSpec? EarlyStopping { get; init; }
    public TrialSettings Trial { get; init; } = new();
    public IReadOnlyList<long> WarmStartSweeps { get; init; } = [];
    public int Seed { get; init; }
}

public enum SearchMethod
{
    Grid,
    Random,
    Bayes,
    Tpe,
}

/// <param name="Trials">Completed trials to run; for grid, null means the whole grid.</param>
/// <param name="Parallel">Trials pending or running at once.</param>
/// <param name="Minutes">Wall-clock limit of the sweep, or null.</param>
/// <param name="MaxConsecutiveFailures">Failed trials in a row after which the sweep pauses itself.</param>
public sealed record SweepBudget(int? Trials, int Parallel = 1, double? Minutes = null, int MaxConsecutiveFailures = 5);

public enum EarlyStoppingType
{
    Median,
    Asha,
}

/// <param name="MinSteps">Steps a trial always runs before it can be stopped (median rule: warm-up; ASHA: the first rung).</param>
/// <param name="ReductionFactor">ASHA's eta: one in this many trials goes on at each rung.</param>
/// <param name="MaxSteps">ASHA's largest rung, usually the training length.</param>
/// <param name="MinTrials">Median rule: completed trials needed before any stop.</param>
public sealed record EarlyStoppingSpec(
    EarlyStoppingType Type,
    string Metric,
    Goal Goal,
    long MinSteps = 1,
    int ReductionFactor = 3,
    long? MaxSteps = null,
    int MinTrials = 5);

/// <param name="TimeoutMinutes">A trial running longer is stopped and marked as timed out.</param>
/// <param name="Retries">A failed trial runs again up to this many times before it counts as failed.</param>
/// <param name="Gpus">GPUs each trial needs on its agent.</param>
public sealed record TrialSettings(double? TimeoutMinutes = null, int Retries = 0, int Gpus = 0);
