using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Specs;

/// <summary>A validated sweep spec (ARCHITECTURE.md, "Sweep spec"). Built only by <see cref="SweepSpecParser"/>.</summary>
public sealed record SweepSpec
{
    public required string Name { get; init; }
    /// <summary>
    /// The argument list; <c>${name}</c> and <c>${args}</c> are replaced per trial. Empty for an ask/tell sweep: its
    /// trials are asked for and told over HTTP, never handed to agents.
    /// </summary>
    public required IReadOnlyList<string> Command { get; init; }
    /// <summary>Driven over HTTP (ask/tell) rather than by agents: the spec has no command.</summary>
    public bool IsAskTell => Command.Count == 0;
    public string? Workdir { get; init; }
    public required SearchMethod Method { get; init; }
    public required IReadOnlyList<Objective> Objectives { get; init; }
    public IReadOnlyList<Constraint> Constraints { get; init; } = [];
    public required SearchSpace Space { get; init; }
    public required SweepBudget Budget { get; init; }
    public EarlyStoppingSpec? EarlyStopping { get; init; }
    public TrialSettings Trial { get; init; } = new();
    public IReadOnlyList<long> WarmStartSweeps { get; init; } = [];
    /// <summary><c>warm_start: auto</c>: where related earlier sweeps are looked for; null when not asked.</summary>
    public WarmStartScope? AutoWarmStart { get; init; }
    /// <summary>The data set the trials train on, recorded on every run of the sweep (provenance).</summary>
    public string? Dataset { get; init; }
    public int Seed { get; init; }
    /// <summary>The bayes method's acquisition; null for its default (EI).</summary>
    public AcquisitionSpec? Acquisition { get; init; }
    /// <summary>The repository the agents fetch and install once per sweep; null to run in <see cref="Workdir"/> as it stands.</summary>
    public CodeSpec? Code { get; init; }
    /// <summary>The model folder each trial leaves behind, stored as the run's artifacts; null to store nothing.</summary>
    public ArtifactsSpec? Artifacts { get; init; }
    /// <summary>Where the trials run (<c>resources</c>); agents unless the spec says otherwise.</summary>
    public ResourcesSpec Resources { get; init; } = ResourcesSpec.Default;
    /// <summary>Where to tell about the sweep's end, pauses and new bests (project defaults are added by the server).</summary>
    public IReadOnlyList<NotifyTarget> Notify { get; init; } = [];
}
