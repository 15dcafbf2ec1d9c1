using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExperimentHub.Server.Api;

/// <summary>
/// The wire format, strict on the way in: unknown fields, nulls where a value is needed and missing fields are
/// errors, numbers are numbers; NaN and infinities travel as "NaN", "Infinity", "-Infinity" both ways.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}
