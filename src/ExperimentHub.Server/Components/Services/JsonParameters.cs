using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// A run's parameters and its summary (JSON objects) as plain values, read with a forward-only reader: the sweep
/// page reads both for every trial, 10,000 of them on a big sweep, where a DOM or a serializer per row costs several
/// times more.
/// </summary>
internal static class JsonParameters
{
    /// <summary>The parameters as double, long, string or bool (an array or object as its JSON text).</summary>
    public static Dictionary<string, object> Parse(string? json)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(json))
        {
            Read(json, result, static (ref Utf8JsonReader reader, string name, Dictionary<string, object> target) =>
            {
                if (ToValue(ref reader) is { } value)
                {
                    target[name] = value;
                }
            });
        }
        return result;
    }

    /// <summary>
    /// Sets each number of a summary object in <paramref name="target"/>, NaN and infinities written as the strings
    /// JSON needs included (the summary column's format); other values are skipped, and so are metrics outside
    /// <paramref name="only"/> when it is given.
    /// </summary>
    public static void MergeSummary(string? json, Dictionary<string, double> target, IReadOnlySet<string>? only = null)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return;
        }
        Read(json, (target, only), static (ref Utf8JsonReader reader, string name, (Dictionary<string, double> Summary, IReadOnlySet<string>? Only) into) =>
        {
            var summary = into.Summary;
            if (into.Only is { } only && !only.Contains(name))
            {
                reader.Skip();
                return;
            }
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    summary[name] = reader.GetDouble();
                    break;
                case JsonTokenType.String when ToValue(ref reader) is double named:
                    summary[name] = named;
                    break;
                case JsonTokenType.StartArray or JsonTokenType.StartObject:
                    reader.Skip();
                    break;
            }
        });
    }

    private delegate void PropertyReader<in T>(ref Utf8JsonReader reader, string name, T target);

    private static void Read<T>(string json, T target, PropertyReader<T> onProperty)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                onProperty(ref reader, name, target);
            }
        }
        catch (JsonException)
        {
            // A malformed row shows what was read before the fault rather than breaking the page.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The value under the reader, which ends on its last token.</summary>
    private static object? ToValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var l) ? (object)l : reader.GetDouble();
            case JsonTokenType.String:
                return reader.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    var s => s,
                };
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.StartArray or JsonTokenType.StartObject:
                using (var element = JsonDocument.ParseValue(ref reader))
                {
                    return element.RootElement.GetRawText();
                }
            default:
                return null;
        }
    }
}
