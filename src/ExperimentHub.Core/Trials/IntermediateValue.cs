namespace ExperimentHub.Core.Trials;

/// <summary>A value of the early-stopping metric reported at a step of a running trial.</summary>
public readonly record struct IntermediateValue(long Step, double Value);
