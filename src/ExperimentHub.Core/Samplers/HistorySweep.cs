using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// An earlier sweep that a sweep learns from (warm start): its finished trials over the new sweep's parameters, and how
/// similar the problem is thought to be, from 0 (unrelated) to 1 (the same; a sweep named by hand counts as 1).
/// </summary>
public sealed record HistorySweep(long SweepId, double Similarity, IReadOnlyList<TrialRecord> Trials);
