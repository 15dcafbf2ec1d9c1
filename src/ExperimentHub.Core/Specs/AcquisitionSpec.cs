using ExperimentHub.Core.Samplers;

namespace ExperimentHub.Core.Specs;

/// <summary>
/// The spec's <c>acquisition</c>: how the bayes method scores candidates. <see cref="Xi"/> is the improvement
/// margin of EI and PI, <see cref="Kappa"/> the exploration weight of UCB, both in standard deviations of the
/// observed (warped) losses.
/// </summary>
public sealed record AcquisitionSpec(Acquisition Function, double Xi = AcquisitionSpec.DefaultXi, double Kappa = AcquisitionSpec.DefaultKappa)
{
    public const double DefaultXi = 0.0;
    public const double DefaultKappa = 2.0;
    public const double MaxXi = 1.0;
    public const double MaxKappa = 10.0;

    /// <summary>The spec names, as written in YAML.</summary>
    public static IReadOnlyDictionary<string, Acquisition> Names { get; } = new Dictionary<string, Acquisition>(StringComparer.Ordinal)
    {
        ["ei"] = Acquisition.ExpectedImprovement,
        ["pi"] = Acquisition.ProbabilityOfImprovement,
        ["ucb"] = Acquisition.UpperConfidenceBound,
        ["thompson"] = Acquisition.ThompsonSampling,
    };

    public string Name => Names.First(n => n.Value == Function).Key;

    /// <summary>The bayes sampler's settings for this acquisition.</summary>
    public BayesOptions ToBayesOptions() => new() { Acquisition = Function, Xi = Xi, Kappa = Kappa };
}
