using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// The agent hub's address and JSON settings, shared by the server
/// (<c>AddSignalR().AddJsonProtocol(o =&gt; AgentHubProtocol.ConfigureJson(o.PayloadSerializerOptions))</c>)
/// and the agent's official SignalR client (the same call on its builder), so both read and write the same shapes.
/// </summary>
public static class AgentHubProtocol
{
    public const string Path = "/hubs/agents";

    /// <summary>camelCase, case-insensitive reading, NaN and infinities as "NaN", "Infinity", "-Infinity".</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    /// <summary>A fresh options object configured by <see cref="ConfigureJson"/>.</summary>
    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        ConfigureJson(options);
        return options;
    }
}
