namespace ExperimentHub.Core.Specs;

public enum SearchMethod
{
    Grid,
    Random,
    Bayes,
    Tpe,
}
