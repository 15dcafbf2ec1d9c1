using System.Text.RegularExpressions;
using ExperimentHub.Core.Specs.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ExperimentHub.Core.Specs.Reading;

/// <summary>
/// Reads YAML with YamlDotNet's event parser (not its object model), so that every node keeps its line and column
/// and aliases are counted rather than expanded.
/// </summary>
internal static partial class YamlSpecReader
{
    public static SpecNode? Read(string text, SpecErrorList errors)
    {
        var builder = new SpecTreeBuilder(errors);
        var documents = 0;
        var parser = new Parser(new StringReader(text));
        try
        {
            while (!builder.Aborted && parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart start when ++documents > 1:
                        errors.Add("", "the text holds more than one YAML document; a spec is one document", Line(start.Start), Column(start.Start));
                        return null;
                    case Scalar scalar:
                        AddScalar(builder, scalar, errors);
                        break;
                    case MappingStart mapping:
                        builder.StartMapping(Line(mapping.Start), Column(mapping.Start), AnchorOf(mapping));
                        break;
                    case SequenceStart sequence:
                        builder.StartSequence(Line(sequence.Start), Column(sequence.Start), AnchorOf(sequence));
                        break;
                    case MappingEnd or SequenceEnd:
                        builder.End();
                        break;
                    case AnchorAlias alias:
                        builder.Alias(alias.Value.Value, Line(alias.Start), Column(alias.Start));
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            errors.Add("", "not valid YAML: " + PlainMessage(ex), Line(ex.Start), Column(ex.Start));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input; point after the last good event.
            var at = parser.Current?.End ?? Mark.Empty;
            errors.Add("", "not valid YAML: the text cannot be read past this point", Line(at), Column(at));
            return null;
        }
        return builder.Aborted ? null : builder.Root;
    }

    private static void AddScalar(SpecTreeBuilder builder, Scalar scalar, SpecErrorList errors)
    {
        var line = Line(scalar.Start);
        var column = Column(scalar.Start);
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        var node = ScalarResolver.Resolve(scalar.Value, scalar.Style == ScalarStyle.Plain, tag, line, column, out var error);
        if (node is null)
        {
            errors.Add(builder.CurrentPath(), error ?? "unreadable value", line, column);
            node = new SpecScalar(line, column, scalar.Value, ScalarKind.String);
        }
        builder.Scalar(node, AnchorOf(scalar));
    }

    private static string? AnchorOf(NodeEvent e) => e.Anchor.IsEmpty ? null : e.Anchor.Value;

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    private static int Column(Mark mark) => (int)Math.Max(1, mark.Column);

    /// <summary>YamlDotNet prefixes its messages with the marks; the error already carries them.</summary>
    private static string PlainMessage(YamlException ex) => MarkPrefix().Replace(ex.Message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
