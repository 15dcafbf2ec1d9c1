using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs.Reading;

/// <summary>
/// Reads JSON with <see cref="Utf8JsonReader"/>, keeping each node's line and column (from its byte offset) so that
/// JSON specs get the same located errors as YAML ones. Comments and trailing commas are allowed, as editors write them.
/// </summary>
internal static partial class JsonSpecReader
{
    public static SpecNode? Read(string text, SpecErrorList errors)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var builder = new SpecTreeBuilder(errors);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = SpecLimits.MaxDepth + 1,
        });
        try
        {
            while (!builder.Aborted && reader.Read())
            {
                var (line, column) = lines.At(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        builder.StartMapping(line, column, null);
                        break;
                    case JsonTokenType.StartArray:
                        builder.StartSequence(line, column, null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        builder.End();
                        break;
                    case JsonTokenType.PropertyName or JsonTokenType.String:
                        builder.Scalar(new SpecScalar(line, column, reader.GetString() ?? "", ScalarKind.String), null);
                        break;
                    case JsonTokenType.Number:
                        builder.Scalar(Number(ref reader, line, column), null);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        var flag = reader.GetBoolean();
                        builder.Scalar(new SpecScalar(line, column, flag ? "true" : "false", ScalarKind.Bool, flag: flag), null);
                        break;
                    case JsonTokenType.Null:
                        builder.Scalar(new SpecScalar(line, column, "null", ScalarKind.Null), null);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            errors.Add("", "not valid JSON: " + PositionSuffix().Replace(ex.Message, ""), line, column);
            return null;
        }
        return builder.Aborted ? null : builder.Root;
    }

    private static SpecScalar Number(ref Utf8JsonReader reader, int line, int column)
    {
        var text = Encoding.UTF8.GetString(reader.ValueSpan);
        return reader.TryGetInt64(out var integer)
            ? new SpecScalar(line, column, text, ScalarKind.Integer, integer: integer)
            : new SpecScalar(line, column, text, ScalarKind.Float, number: reader.GetDouble());
    }

    [GeneratedRegex(@"\s*(Path: .*)?\s*\|?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?$")]
    private static partial Regex PositionSuffix();

    /// <summary>Byte offsets of line starts, to turn a token's offset into a line and a character column.</summary>
    private sealed class LineIndex
    {
        private readonly byte[] _bytes;
        private readonly List<int> _starts = [0];

        public LineIndex(byte[] bytes)
        {
            _bytes = bytes;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public (int Line, int Column) At(long offset)
        {
            var index = _starts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            var start = _starts[line];
            var column = Encoding.UTF8.GetCharCount(_bytes, start, (int)offset - start) + 1;
            return (line + 1, column);
        }
    }
}
