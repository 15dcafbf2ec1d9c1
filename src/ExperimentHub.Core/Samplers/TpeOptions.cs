namespace ExperimentHub.Core.Samplers;

/// <summary>Settings of <see cref="TpeSampler"/> (defaults as in Bergstra et al. and Optuna).</summary>
public sealed record TpeOptions
{
    /// <summary>Trials from a scrambled Sobol design before the estimators take over.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Candidates drawn from l(x) per suggestion; the one with the largest l/g wins.</summary>
    public int Candidates { get; init; } = 64;

    /// <summary>Weight of the flat prior component in each estimator.</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>Share of the trials that count as good, at most <see cref="MaxGood"/>.</summary>
    public double Gamma { get; init; } = 0.1;

    public int MaxGood { get; init; } = 25;

    /// <summary>
    /// Model parameters jointly, in groups that share their condition (multivariate TPE), rather than each
    /// parameter alone as in the original paper.
    /// </summary>
    public bool Multivariate { get; init; } = true;
}
