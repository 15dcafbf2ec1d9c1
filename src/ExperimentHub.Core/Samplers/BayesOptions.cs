using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Samplers;

/// <summary>Settings of <see cref="BayesSampler"/>; the defaults suit most sweeps.</summary>
public sealed record BayesOptions
{
    public Acquisition Acquisition { get; init; } = Acquisition.ExpectedImprovement;

    /// <summary>Improvement margin of EI and PI, in standard deviations of the observed (warped) losses.</summary>
    public double Xi { get; init; } = AcquisitionSpec.DefaultXi;

    /// <summary>Exploration weight of the confidence bound: standard deviations subtracted from the predicted loss.</summary>
    public double Kappa { get; init; } = AcquisitionSpec.DefaultKappa;

    /// <summary>Trials drawn from a scrambled Sobol design before the model takes over; null picks from the dimension.</summary>
    public int? InitialPoints { get; init; }

    /// <summary>Space-filling candidates scored per suggestion before local refinement.</summary>
    public int Candidates { get; init; } = 1024;

    /// <summary>Random restarts of the hyperparameter fit, besides the neutral start.</summary>
    public int FitRestarts { get; init; } = 1;

    /// <summary>At most this many observations fit the hyperparameters (the best and a random share); all condition the model.</summary>
    public int MaxFitPoints { get; init; } = 100;

    /// <summary>Augmentation weight ρ of ParEGO's Chebyshev scalarization for several objectives.</summary>
    public double ChebyshevRho { get; init; } = 0.05;
}
