namespace ExperimentHub.Testing;

/// <summary>How <see cref="ExperimentHubServer.StartAsync"/> configures the app; every default suits a test.</summary>
public sealed class ExperimentHubServerOptions
{
    public const string DefaultAdminKey = "test-admin-key-0123456789abcdef";

    /// <summary>The bootstrap admin API key (<c>ExperimentHub:Bootstrap:AdminApiKey</c>).</summary>
    public string AdminKey { get; set; } = DefaultAdminKey;

    /// <summary>The data folder; null gives a fresh temporary one that the server deletes when disposed.</summary>
    public string? DataDir { get; set; }

    /// <summary>The host environment; anything but Development behaves as production does.</summary>
    public string EnvironmentName { get; set; } = "Testing";

    /// <summary>The port on 127.0.0.1; 0 lets the OS pick a free one. Set one (see <see cref="FreePort"/>) to restart on it.</summary>
    public int Port { get; set; }

    /// <summary>Gets the server's log entries as well, when set (a test that checks what the server logged).</summary>
    public Microsoft.Extensions.Logging.ILoggerProvider? LogProvider { get; set; }

    /// <summary>Extra configuration, applied over the defaults (for example <c>ExperimentHub:LocalAgent:Slots</c>).</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
}
