using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Specs;

/// <param name="MinSteps">Steps a trial always runs before it can be stopped (median rule: warm-up; ASHA: the first rung).</param>
/// <param name="ReductionFactor">ASHA's eta: one in this many trials goes on at each rung.</param>
/// <param name="MaxSteps">ASHA's largest rung, usually the training length; null for no limit.</param>
/// <param name="MinTrials">
/// Trials needed before any stop: for the median rule, completed trials; for ASHA, values recorded at a rung
/// (the parser defaults it to <paramref name="ReductionFactor"/> for ASHA, so a rung decides once it can promote one).
/// </param>
public sealed record EarlyStoppingSpec(
    EarlyStoppingType Type,
    string Metric,
    Goal Goal,
    long MinSteps = 1,
    int ReductionFactor = 3,
    long? MaxSteps = null,
    int MinTrials = 5);
