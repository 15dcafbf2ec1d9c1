using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Pruners;

public static class PrunerFactory
{
    /// <summary>The pruner a sweep's <c>early_stopping</c> asks for, or null when it asks for none.</summary>
    public static IPruner? Create(EarlyStoppingSpec? spec) => spec switch
    {
        null => null,
        { Type: EarlyStoppingType.Median } => new MedianPruner(spec.Goal, spec.MinSteps, spec.MinTrials, spec.Metric),
        { Type: EarlyStoppingType.Asha } => new AshaPruner(spec.Goal, spec.MinSteps, spec.ReductionFactor, spec.MaxSteps, spec.MinTrials, spec.Metric),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Type, "unknown early stopping type"),
    };
}
