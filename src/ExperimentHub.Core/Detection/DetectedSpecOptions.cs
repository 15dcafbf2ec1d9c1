using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Detection;

/// <summary>What a proposed spec cannot learn from the script: its name, how a trial starts, what it optimizes.</summary>
public sealed record DetectedSpecOptions
{
    /// <summary>The script as the user named it, for the comments.</summary>
    public required string ScriptName { get; init; }

    public required string SweepName { get; init; }

    /// <summary>The trial's argument list: the interpreter and the rewritten script.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    public string? Workdir { get; init; }

    public string Metric { get; init; } = "loss";

    public Goal Goal { get; init; } = Goal.Minimize;

    public SearchMethod Method { get; init; } = SearchMethod.Random;

    public int Trials { get; init; } = 20;

    public int Parallel { get; init; } = 1;

    /// <summary>A note put at the top of the spec (one comment line each), such as how to write the rewritten script.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
