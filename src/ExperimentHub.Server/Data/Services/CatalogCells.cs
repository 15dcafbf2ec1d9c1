using System.Globalization;
using System.Text.Json;

namespace ExperimentHub.Server.Data.Services;

/// <summary>How catalog values read as text: times in ISO 8601 UTC, numbers round-trippable, NaN and infinities by name.</summary>
public static class CatalogCells
{
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A parameter's value in one cell: strings bare, numbers and booleans as JSON writes them, objects and lists as JSON.</summary>
    public static string? Param(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
