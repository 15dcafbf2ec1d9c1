using ExperimentHub.Client;
using ExperimentHub.E2E.Tests.Infrastructure;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>
/// A real server process per test, a .NET client to set up and check through the API, and a scratch folder for the
/// files the <c>ehub</c> process reads and writes.
/// </summary>
public abstract class CliAgainstServerTests(string scratchPrefix) : IAsyncLifetime
{
    private ServerProcess? _server;
    private ExperimentHubClient? _client;

    protected DirectoryInfo Scratch { get; } = Directory.CreateTempSubdirectory(scratchPrefix);

    protected ServerProcess Server => _server!;

    protected ExperimentHubClient Client => _client!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        _client = new ExperimentHubClient(_server.BaseUri, _server.AdminApiKey);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Scratch.Delete(recursive: true);
    }
}
