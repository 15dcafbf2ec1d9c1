using ExperimentHub.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Client.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (not a TestServer) on a free 127.0.0.1 port, with its own temporary data folder and a
/// bootstrap admin key, so that clients in this process and in child processes (Python) reach it over TCP.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("ehub-client-").FullName;

    public string AdminApiKey { get; } = "ehk_client_" + Guid.NewGuid().ToString("N");

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public string BaseUrl => BaseUri.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The server's name, so that its static web asset manifest (copied next to the tests) is found.
            ApplicationName = typeof(ExperimentHubExtensions).Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExperimentHub:DataDir"] = DataDir,
            ["ExperimentHub:Bootstrap:AdminApiKey"] = AdminApiKey,
            ["ExperimentHub:LocalAgent:Slots"] = "0",
            ["ExperimentHub:Demo:Seed"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.AddExperimentHub();
        _app = builder.Build();
        _app.MapExperimentHub();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>A client with the admin key (null for an anonymous one, or another key).</summary>
    public ExperimentHubClient CreateClient(string? apiKey = null, bool anonymous = false) =>
        new(BaseUri, anonymous ? null : apiKey ?? AdminApiKey);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold its WAL for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
