namespace ExperimentHub.Core.Specs.Nodes;

internal sealed class SpecSequence(int line, int column) : SpecNode(line, column)
{
    public List<SpecNode> Items { get; } = [];

    public override string Describe() => "a list";
}
