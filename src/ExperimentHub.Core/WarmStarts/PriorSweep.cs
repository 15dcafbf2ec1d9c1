using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.WarmStarts;

/// <summary>An earlier sweep as the warm start sees it: its objectives, its search space and its finished trials.</summary>
public sealed record PriorSweep(long SweepId, IReadOnlyList<Objective> Objectives, SearchSpace Space, IReadOnlyList<TrialRecord> Trials);
