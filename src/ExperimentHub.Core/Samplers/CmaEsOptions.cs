namespace ExperimentHub.Core.Samplers;

/// <summary>Settings of <see cref="CmaEsSampler"/>; the defaults are Hansen's and Optuna's.</summary>
public sealed record CmaEsOptions
{
    /// <summary>Trials per generation (λ); null gives 4 + ⌊3 ln n⌋ for n numeric parameters.</summary>
    public int? PopulationSize { get; init; }

    /// <summary>The initial step size in the unit cube: a sixth of each range, as Optuna.</summary>
    public double InitialSigma { get; init; } = 1.0 / 6;
}
