namespace ExperimentHub.Core.WarmStarts;

/// <summary>What <c>warm_start: auto</c> found: the related sweeps, most similar first, and the initial design.</summary>
public sealed record WarmStartPlan(IReadOnlyList<RelatedSweep> Related, IReadOnlyList<DesignPoint> Design)
{
    public static WarmStartPlan Empty { get; } = new([], []);
}
