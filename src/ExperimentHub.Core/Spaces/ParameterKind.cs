namespace ExperimentHub.Core.Spaces;

public enum ParameterKind
{
    Float,
    Int,
    Categorical,
}
