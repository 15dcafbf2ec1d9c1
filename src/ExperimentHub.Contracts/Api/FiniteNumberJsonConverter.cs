using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// Doubles as the API writes them: numbers, and "NaN", "Infinity", "-Infinity" as strings. A number literal too large
/// for a double (<c>1e999</c>) is refused rather than read as infinity: an infinity is only ever meant when it is
/// spelled out, so a script's overflow never lands in a summary or a metric unnoticed.
/// </summary>
public sealed class FiniteNumberJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var text => throw new JsonException($"'{text}' is not a number; NaN and infinities are written \"NaN\", \"Infinity\", \"-Infinity\""),
            };
        }
        var value = reader.GetDouble();
        return double.IsFinite(value)
            ? value
            : throw new JsonException("the number is too large for a double; write an infinity as \"Infinity\" or \"-Infinity\"");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
