namespace ExperimentHub.Core.Samplers;

/// <summary>How the Bayesian sampler scores a candidate from the model's prediction there.</summary>
public enum Acquisition
{
    /// <summary>Expected improvement over the best feasible value less <see cref="BayesOptions.Xi"/>, computed as log-EI for stability.</summary>
    ExpectedImprovement,
    /// <summary>Probability of improving on the best feasible value by at least <see cref="BayesOptions.Xi"/>.</summary>
    ProbabilityOfImprovement,
    /// <summary>Confidence bound: the predicted loss minus <see cref="BayesOptions.Kappa"/> standard deviations.</summary>
    UpperConfidenceBound,
    /// <summary>The minimum of one joint draw from the posterior over a candidate set.</summary>
    ThompsonSampling,
}
