namespace ExperimentHub.Core.Specs.Nodes;

/// <summary>A mapping in document order. Readers refuse duplicate keys, so each key appears once.</summary>
internal sealed class SpecMapping(int line, int column) : SpecNode(line, column)
{
    public List<SpecEntry> Entries { get; } = [];

    public SpecEntry? Find(string key) => Entries.Find(e => string.Equals(e.Key.Text, key, StringComparison.Ordinal));

    public override string Describe() => "a mapping";
}
