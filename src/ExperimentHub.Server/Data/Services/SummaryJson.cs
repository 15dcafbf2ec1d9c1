using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExperimentHub.Server.Data.Services;

/// <summary>The summary column: a JSON object of numbers, NaN and infinities as the strings JSON needs.</summary>
public static class SummaryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Dictionary<string, double> Parse(string? json) =>
        string.IsNullOrWhiteSpace(json)
            ? new Dictionary<string, double>(StringComparer.Ordinal)
            : new Dictionary<string, double>(JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options) ?? [], StringComparer.Ordinal);

    public static string Write(IReadOnlyDictionary<string, double> summary) => JsonSerializer.Serialize(summary, Options);
}
