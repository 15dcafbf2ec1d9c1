using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// The HTTP API's JSON, one definition for both ends: the server configures minimal APIs' options with
/// <see cref="Configure"/>, the .NET client reads and writes with <see cref="Options"/>. camelCase names, dictionary keys
/// as sent; NaN and infinities travel as "NaN", "Infinity", "-Infinity" both ways; numbers are numbers; a null or a
/// missing field where the shape needs a value is an error. Requests also refuse fields they do not know (each request
/// record says so), while readers of responses accept fields added later.
/// </summary>
public static class ApiJson
{
    /// <summary>Read-only options configured by <see cref="Configure"/>, for clients.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new FiniteNumberJsonConverter());
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // The generated metadata first, reflection for everything else; the options above still apply to both.
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJsonContext.Default, options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
