namespace ExperimentHub.Core.Importance;

/// <summary>The share of the objective's variance that one parameter explains on its own.</summary>
public sealed record ParameterImportanceEntry(string Name, double Importance);
