using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Samplers;

/// <summary>The sampler for a sweep's search method. Samplers are stateless, so one instance may serve many sweeps.</summary>
public static class SamplerFactory
{
    public static ISampler Create(SearchMethod method, BayesOptions? bayes = null, TpeOptions? tpe = null) => method switch
    {
        SearchMethod.Grid => new GridSampler(),
        SearchMethod.Random => new RandomSampler(),
        SearchMethod.Bayes => new BayesSampler(bayes),
        SearchMethod.Tpe => new TpeSampler(tpe),
        SearchMethod.Cmaes => new CmaEsSampler(),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown search method."),
    };

    /// <summary>The sampler a spec asks for: its method, with its acquisition where the method is bayes.</summary>
    public static ISampler Create(SweepSpec spec) => Create(spec, designPoints: 0);

    /// <summary>
    /// The sampler of a sweep whose first <paramref name="designPoints"/> trials are a warm start's meta-learned design:
    /// for bayes they stand in for the space-filling initial design, so the model takes over right after them.
    /// </summary>
    public static ISampler Create(SweepSpec spec, int designPoints)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Create(spec.Method, spec.Acquisition, designPoints);
    }

    /// <inheritdoc cref="Create(SweepSpec, int)"/>
    public static ISampler Create(SearchMethod method, AcquisitionSpec? acquisition, int designPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(designPoints);
        var bayes = acquisition?.ToBayesOptions();
        if (designPoints > 0)
        {
            bayes = (bayes ?? new BayesOptions()) with { InitialPoints = designPoints };
        }
        return Create(method, bayes);
    }
}
