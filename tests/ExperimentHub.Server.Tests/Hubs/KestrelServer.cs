using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Hubs;

/// <summary>
/// The whole app on a real Kestrel socket at 127.0.0.1 (a free port), so that the agent library's WebSocket client
/// connects as it would to a deployed server.
/// </summary>
public sealed class KestrelServer : IAsyncDisposable
{
    public const string AdminKey = "kestrel-test-admin-key-0123456789";

    private readonly WebApplication _app;

    private KestrelServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public Uri HubUrl => new(Address, ExperimentHub.Core.Agents.AgentHubProtocol.Path);

    public IServiceProvider Services => _app.Services;

    public static async Task<KestrelServer> StartAsync(string dataDir, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExperimentHub:DataDir"] = dataDir,
            ["ExperimentHub:Bootstrap:AdminApiKey"] = AdminKey,
            ["ExperimentHub:Demo:Seed"] = "false",
            ["ExperimentHub:LocalAgent:Slots"] = "0",
            ["ExperimentHub:Dispatch:CoordinatorIntervalMilliseconds"] = "200",
            ["ExperimentHub:Dispatch:ReapIntervalMilliseconds"] = "100",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.AddExperimentHub();
        var app = builder.Build();
        app.MapExperimentHub();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelServer(app, new Uri(address));
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
