namespace ExperimentHub.Core.Specs;

public enum EarlyStoppingType
{
    Median,
    Asha,
}
