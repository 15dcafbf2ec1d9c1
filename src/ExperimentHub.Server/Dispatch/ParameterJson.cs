using System.Globalization;
using System.Text.Json;
using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Parameter sets to and from the runs' <c>params_json</c>: floats as JSON numbers, ints as integers, choices as
/// they were given (string, bool or number). Whole numbers read back as long, which every parameter kind accepts.
/// </summary>
public static class ParameterJson
{
    public static string Write(IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in parameters)
            {
                writer.WritePropertyName(name);
                switch (value)
                {
                    case string s: writer.WriteStringValue(s); break;
                    case bool b: writer.WriteBooleanValue(b); break;
                    case long l: writer.WriteNumberValue(l); break;
                    case int i: writer.WriteNumberValue(i); break;
                    case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
                    case double d: writer.WriteStringValue(ParameterValues.Format(d)); break;
                    default: writer.WriteStringValue(ParameterValues.Format(value)); break;
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Dictionary<string, object> Read(string? json)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return result;
        }
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (ToValue(property.Value) is { } value)
            {
                result[property.Name] = value;
            }
        }
        return result;
    }

    /// <summary>The parameters as JSON elements, as a trial assignment carries them.</summary>
    public static Dictionary<string, JsonElement> ReadElements(string? json)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }
        using var doc = JsonDocument.Parse(json);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.Clone();
        }
        return result;
    }

    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        _ => element.GetRawText().ToString(CultureInfo.InvariantCulture),
    };
}
