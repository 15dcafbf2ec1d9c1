namespace ExperimentHub.Core.Numerics;

/// <summary>Hyperparameters of a Matérn 5/2 Gaussian process: one length-scale per input, signal and noise variances.</summary>
public sealed record GpHyperparameters(double[] LengthScales, double SignalVariance, double NoiseVariance);
