using ExperimentHub.Core.Numerics;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Everything a sampler may look at. <see cref="Trials"/> holds every trial of the sweep, finished or not, in
/// creation order; <see cref="History"/> holds the earlier sweeps it learns from (warm start), with their finished
/// trials over the same parameters: they inform the model but are never this sweep's own trials (nor its best). The seed of a call is derived from <see cref="Seed"/> and the number of trials, so repeated calls
/// with a grown history differ and a replayed call repeats.
/// </summary>
public sealed record SearchContext
{
    public required SearchSpace Space { get; init; }
    public required IReadOnlyList<Objective> Objectives { get; init; }
    public IReadOnlyList<Constraint> Constraints { get; init; } = [];
    public IReadOnlyList<TrialRecord> Trials { get; init; } = [];
    public IReadOnlyList<HistorySweep> History { get; init; } = [];
    public int Seed { get; init; }

    /// <summary>
    /// The sweep's budget in trials (its maximum), when it has one: a sampler may spend the last part of it refining
    /// around the best trial rather than exploring.
    /// </summary>
    public int? Budget { get; init; }

    /// <summary>The trials of every earlier sweep of <see cref="History"/>, in order.</summary>
    public IEnumerable<TrialRecord> HistoryTrials => History.SelectMany(h => h.Trials);

    /// <summary>
    /// A random source for this call: deterministic in the seed and the number of trials seen, and the same in
    /// every process (a stable mix, not <see cref="HashCode"/>, which is randomized per process).
    /// </summary>
    public Random CreateRandom(int salt = 0) => new(SplitMix64.Seed(Seed, Trials.Count, HistoryTrials.Count(), salt));
}
