using System.Globalization;
using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs.Reading;

/// <summary>
/// Builds a <see cref="SpecNode"/> tree from a stream of parse events (YAML or JSON), refusing duplicate keys and
/// enforcing <see cref="SpecLimits"/>. An alias is counted as every node it stands for but never copied, so an
/// alias bomb is refused after at most <see cref="SpecLimits.MaxNodes"/> nodes of work.
/// </summary>
internal sealed class SpecTreeBuilder(SpecErrorList errors)
{
    private readonly Stack<Frame> _frames = new();
    private readonly Dictionary<string, (SpecNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private long _nodes;
    private int _aliases;

    public SpecNode? Root { get; private set; }

    /// <summary>Set once a limit is hit: the caller stops reading.</summary>
    public bool Aborted { get; private set; }

    public void StartMapping(int line, int column, string? anchor) => Push(new SpecMapping(line, column), anchor);

    public void StartSequence(int line, int column, string? anchor) => Push(new SpecSequence(line, column), anchor);

    public void End()
    {
        var frame = _frames.Pop();
        if (frame is { Node: SpecMapping, PendingKey: { } dangling })
        {
            errors.Add(frame.Path, "a key has no value", dangling);
        }
        Complete(frame.Node, frame.Size, frame.Anchor);
    }

    public void Scalar(SpecScalar scalar, string? anchor)
    {
        if (Count(1, scalar))
        {
            Complete(scalar, 1, anchor);
        }
    }

    public void Alias(string name, int line, int column)
    {
        if (++_aliases > SpecLimits.MaxAliases)
        {
            Abort(CurrentPath(), $"the document uses more than {SpecLimits.MaxAliases} aliases", line, column);
            return;
        }
        if (!_anchors.TryGetValue(name, out var target))
        {
            errors.Add(CurrentPath(), $"the alias *{name} names no anchor defined before it", line, column);
            Complete(new SpecScalar(line, column, "", ScalarKind.Null), 1, null);
            return;
        }
        if (Count(target.Size, null, line, column))
        {
            Complete(target.Node, target.Size, null);
        }
    }

    private void Push(SpecNode node, string? anchor)
    {
        if (!Count(1, node))
        {
            return;
        }
        if (_frames.Count >= SpecLimits.MaxDepth)
        {
            Abort(CurrentPath(), $"the document is nested more than {SpecLimits.MaxDepth} levels deep", node.Line, node.Column);
            return;
        }
        _frames.Push(new Frame(node, CurrentPath(), anchor));
    }

    private bool Count(long size, SpecNode? at, int line = 0, int column = 0)
    {
        _nodes += size;
        if (_nodes <= SpecLimits.MaxNodes)
        {
            return true;
        }
        Abort(CurrentPath(), $"the document holds more than {SpecLimits.MaxNodes:N0} nodes (aliases counted as what they stand for)",
            at?.Line ?? line, at?.Column ?? column);
        return false;
    }

    private void Abort(string path, string message, int line, int column)
    {
        errors.Add(path, message, line, column);
        Aborted = true;
    }

    private void Complete(SpecNode node, long size, string? anchor)
    {
        if (!string.IsNullOrEmpty(anchor))
        {
            _anchors[anchor] = (node, size);
        }
        if (_frames.Count == 0)
        {
            Root ??= node;
            return;
        }
        var frame = _frames.Peek();
        frame.Size += size;
        switch (frame.Node)
        {
            case SpecSequence sequence:
                sequence.Items.Add(node);
                break;
            case SpecMapping mapping when frame.PendingKey is null:
                frame.PendingKey = node;
                break;
            case SpecMapping mapping:
                AddEntry(frame, mapping, frame.PendingKey, node);
                frame.PendingKey = null;
                break;
        }
    }

    private void AddEntry(Frame frame, SpecMapping mapping, SpecNode key, SpecNode value)
    {
        if (key is not SpecScalar { Kind: not ScalarKind.Null } scalar)
        {
            errors.Add(frame.Path, key is SpecScalar ? "a key is empty" : "keys must be plain names, not " + key.Describe(), key);
            return;
        }
        if (mapping.Find(scalar.Text) is { } first)
        {
            errors.Add(SpecPaths.Child(frame.Path, scalar.Text),
                $"the key '{scalar.Text}' appears twice (first at line {first.Key.Line.ToString(CultureInfo.InvariantCulture)})", scalar);
            return;
        }
        mapping.Entries.Add(new SpecEntry(scalar, value));
    }

    /// <summary>The path the next node will have.</summary>
    public string CurrentPath()
    {
        if (_frames.Count == 0)
        {
            return "";
        }
        var frame = _frames.Peek();
        return frame.Node switch
        {
            SpecSequence sequence => SpecPaths.Item(frame.Path, sequence.Items.Count),
            _ when frame.PendingKey is SpecScalar key => SpecPaths.Child(frame.Path, key.Text),
            _ => frame.Path,
        };
    }

    private sealed class Frame(SpecNode node, string path, string? anchor)
    {
        public SpecNode Node { get; } = node;

        public string Path { get; } = path;

        public string? Anchor { get; } = anchor;

        public long Size { get; set; } = 1;

        public SpecNode? PendingKey { get; set; }
    }
}
