namespace ExperimentHub.Core.Pruners;

/// <summary>Whether to stop a trial, and why in words a user reads on the trial page.</summary>
public readonly record struct PruneDecision(bool Stop, string? Reason)
{
    public static PruneDecision Continue { get; } = new(false, null);

    public static PruneDecision StopBecause(string reason) => new(true, reason);
}
