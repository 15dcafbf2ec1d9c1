namespace ExperimentHub.Core.Specs;

public enum SpecFormat
{
    Yaml,
    Json,
}
