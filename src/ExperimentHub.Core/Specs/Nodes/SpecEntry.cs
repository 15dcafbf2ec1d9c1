namespace ExperimentHub.Core.Specs.Nodes;

/// <summary>One <c>key: value</c> pair of a mapping.</summary>
internal sealed record SpecEntry(SpecScalar Key, SpecNode Value);
