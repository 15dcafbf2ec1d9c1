using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExperimentHub.Client;

/// <summary>The wire format: camelCase, and NaN/Infinity as the strings "NaN", "Infinity", "-Infinity".</summary>
public static class ExperimentHubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
