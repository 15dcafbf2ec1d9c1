namespace ExperimentHub.Core.Specs.Nodes;

/// <summary>
/// A node of a parsed spec document, YAML or JSON alike, with the place it starts (1-based line and column).
/// The validator reads only these, so both formats give the same errors.
/// </summary>
internal abstract class SpecNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>What the node is, in words for an error message ("a list", "the text 'abc'").</summary>
    public abstract string Describe();
}
