namespace ExperimentHub.Core.Specs.Nodes;

/// <summary>The type of a scalar, resolved as YAML 1.2's core schema does (quoted text is always a string).</summary>
internal enum ScalarKind
{
    Null,
    Bool,
    Integer,
    Float,
    String,
}
