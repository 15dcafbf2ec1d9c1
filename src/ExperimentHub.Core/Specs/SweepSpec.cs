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
    /// <summary>The bayes method's acquisition; null for its default (EI).</summary>
    public AcquisitionSpec? Acquisition { get; init; }
    /// <summary>Where to tell about the sweep's end, pauses and new bests (project defaults are added by the server).</summary>
    public IReadOnlyList<NotifyTarget> Notify { get; init; } = [];
}
