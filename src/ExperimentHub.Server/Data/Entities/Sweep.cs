using ExperimentHub.Core.Specs;

namespace ExperimentHub.Server.Data.Entities;

public sealed class Sweep
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public Project? Project { get; set; }
    public required string Name { get; set; }
    /// <summary>The spec exactly as submitted.</summary>
    public required string SpecText { get; set; }
    /// <summary><c>yaml</c> or <c>json</c>.</summary>
    public required string SpecFormat { get; set; }
    public SweepStatus Status { get; set; }
    /// <summary>Why the sweep stopped, failed or completed, for people.</summary>
    public string? StatusReason { get; set; }
    /// <summary>The end of the git or install output of the agent whose code set-up failed and paused the sweep; null otherwise.</summary>
    public string? SetupLog { get; set; }
    public long? Seed { get; set; }
    public int TrialBudget { get; set; }
    public int Parallel { get; set; }
    /// <summary>Trials added to the budget after submission (the sweep was extended).</summary>
    public int ExtraTrials { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>When it was last resumed or extended: consecutive failures are counted from here.</summary>
    public DateTimeOffset? ResumedAt { get; set; }
    /// <summary>The initial design that <c>warm_start: auto</c> found, as JSON; null without one.</summary>
    public string? WarmStartDesignJson { get; set; }
    /// <summary>What <c>warm_start: auto</c> found (or that it found nothing), shown on the sweep page.</summary>
    public string? WarmStartNote { get; set; }
    /// <summary>Where its trials run (<c>resources.backend</c>): only agents started for it take them unless agents.</summary>
    public ComputeBackend ComputeBackend { get; set; }
    /// <summary>Why the sweep lacks capacity now (a quota or capacity error, retried with backoff); null when none.</summary>
    public string? ComputeProblem { get; set; }
    public List<Run> Runs { get; set; } = [];
}
