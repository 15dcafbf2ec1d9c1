namespace ExperimentHub.Core.Numerics;

/// <summary>
/// Hyperparameters of a Matérn 5/2 Gaussian process: one length-scale per input, signal and noise variances. A process
/// over several tasks (a sweep and the earlier sweeps it learns from) adds each earlier task's correlation with the
/// target task (0 to 1, in task order from task 1) and the variance of every task's constant offset.
/// </summary>
public sealed record GpHyperparameters(double[] LengthScales, double SignalVariance, double NoiseVariance)
{
    public double[] TaskCorrelations { get; init; } = [];

    public double TaskOffsetVariance { get; init; }
}
