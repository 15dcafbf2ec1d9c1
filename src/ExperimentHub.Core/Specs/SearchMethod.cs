namespace ExperimentHub.Core.Specs;

public enum SearchMethod
{
    Grid,
    Random,
    Bayes,
    Tpe,
    /// <summary>CMA-ES for continuous parameters; categorical ones are drawn by TPE.</summary>
    Cmaes,
}
