using ExperimentHub.Testing;

namespace ExperimentHub.Client.Tests.Infrastructure;

/// <summary>
/// The shared real server (<see cref="ExperimentHubServer"/>) as an xunit fixture, so that clients in this process
/// and in child processes (Python) reach it over TCP.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    private ExperimentHubServer? _server;

    public string AdminApiKey { get; } = "ehk_client_" + Guid.NewGuid().ToString("N");

    public Uri BaseUri => Server.Address;

    public string BaseUrl => Server.BaseUrl;

    private ExperimentHubServer Server => _server ?? throw new InvalidOperationException("The live server has not started.");

    public async Task InitializeAsync() => _server = await ExperimentHubServer.StartAsync(o =>
    {
        o.AdminKey = AdminApiKey;
        o.EnvironmentName = "Production";
    });

    /// <summary>A client with the admin key (null for an anonymous one, or another key).</summary>
    public ExperimentHubClient CreateClient(string? apiKey = null, bool anonymous = false) =>
        new(BaseUri, anonymous ? null : apiKey ?? AdminApiKey);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
