using System.Text.Json;

namespace ExperimentHub.Server.Components.Services;

/// <summary>A run's parameters (a JSON object) as plain values: double, long, string, bool.</summary>
internal static class JsonParameters
{
    public static Dictionary<string, object> Parse(string? json)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }
        try
        {
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
        }
        catch (JsonException)
        {
            // A malformed row shows no parameters rather than breaking the page.
        }
        return result;
    }

    private static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var l) => l,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => s,
        },
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };
}
