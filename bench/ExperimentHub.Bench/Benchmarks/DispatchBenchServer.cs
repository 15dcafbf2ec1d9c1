using ExperimentHub.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>The whole server on Kestrel at 127.0.0.1 (a free port) with a fresh data folder, for the dispatch benchmark.</summary>
internal sealed class DispatchBenchServer : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789abcdef";

    private readonly WebApplication _app;

    private DispatchBenchServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public Uri HubUrl => new(Address, ExperimentHub.Core.Agents.AgentHubProtocol.Path);

    public static async Task<DispatchBenchServer> StartAsync(string dataDir, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = typeof(ExperimentHubExtensions).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExperimentHub:DataDir"] = dataDir,
            ["ExperimentHub:Bootstrap:AdminApiKey"] = AdminKey,
            ["ExperimentHub:Demo:Seed"] = "false",
            ["ExperimentHub:LocalAgent:Slots"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddExperimentHub();
        var app = builder.Build();
        app.MapExperimentHub();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DispatchBenchServer(app, new Uri(address));
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
