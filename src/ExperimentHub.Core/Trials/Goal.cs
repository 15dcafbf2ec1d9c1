namespace ExperimentHub.Core.Trials;

public enum Goal
{
    Minimize,
    Maximize,
}
