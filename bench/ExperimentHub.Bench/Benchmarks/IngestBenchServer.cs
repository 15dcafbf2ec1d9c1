using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Notifications;
using ExperimentHub.Server.Hubs;
using System.Net.Http.Headers;
using ExperimentHub.Server.Api;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The store and the tracking API on a real Kestrel server at 127.0.0.1 (a free port) and a fresh SQLite file (or PostgreSQL database), for the
/// ingest and series benchmarks. The dashboard is left out; its metric sink (live page updates) is kept, since every
/// batch pays for it in the real app.
/// </summary>
internal sealed class IngestBenchServer : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789abcdef";

    private readonly WebApplication _app;

    private IngestBenchServer(WebApplication app, string dataDir, Uri address)
    {
        _app = app;
        DataDir = dataDir;
        Address = address;
    }

    public string DataDir { get; }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A server on a fresh SQLite file, or with <paramref name="postgres"/> on a fresh database of the run's throw-away PostgreSQL 15 cluster.</summary>
    public static async Task<IngestBenchServer> StartAsync(bool postgres = false)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"ehub-bench-{Guid.NewGuid():N}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0"],
            EnvironmentName = "Production",
        });
        builder.Configuration["ExperimentHub:DataDir"] = dataDir;
        builder.Configuration["ExperimentHub:Bootstrap:AdminApiKey"] = AdminKey;
        builder.Configuration["ExperimentHub:Demo:Seed"] = "false";
        builder.Configuration["ExperimentHub:LocalAgent:Slots"] = "0";
        if (postgres)
        {
            var cluster = await ExperimentHub.Testing.Databases.PostgresCluster.SharedAsync();
            builder.Configuration["ExperimentHub:Database:Provider"] = "postgres";
            builder.Configuration["ExperimentHub:Database:ConnectionString"] = await cluster.DatabaseAsync($"bench_{Guid.NewGuid():N}");
        }
        builder.Logging.ClearProviders();
        // The store, the API and what its sweep and agent endpoints need; no dashboard, as this bench always measured.
        builder.AddExperimentHubData();
        builder.AddArtifactStorage();
        builder.AddExperimentHubApi();
        builder.AddExperimentHubDispatch();
        builder.AddExperimentHubNotifications();
        builder.AddAgentHub();
        var app = builder.Build();
        app.MapExperimentHubApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IngestBenchServer(app, dataDir, new Uri(address));
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
