namespace ExperimentHub.Core.WarmStarts;

/// <summary>
/// One configuration of a meta-learned initial design: an earlier sweep's good trial moved into the new space, with
/// where it came from and how similar that sweep is (0 to 1).
/// </summary>
public sealed record DesignPoint(IReadOnlyDictionary<string, object> Parameters, long SourceSweepId, long SourceTrialId, double Similarity);
