namespace ExperimentHub.Core.Detection;

/// <summary>An argument of a known layer that the detector could not search, and why (an expression, <c>**kwargs</c>, ...).</summary>
public sealed record SkippedConstruct(int Line, int Column, string Layer, string Argument, string Reason, string Source);
