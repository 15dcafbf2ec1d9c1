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
    public static ISampler Create(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Create(spec.Method, spec.Acquisition?.ToBayesOptions());
    }
}
