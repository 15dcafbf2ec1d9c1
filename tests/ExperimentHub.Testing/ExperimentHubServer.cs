using System.Globalization;
using System.Net.Http.Headers;
using ExperimentHub.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Testing;

/// <summary>
/// The whole ExperimentHub app on a real Kestrel socket at 127.0.0.1, so that clients in this process and in child
/// processes (agents, Python, browsers) reach it over TCP as they would a deployed server. By default: a fresh
/// temporary data folder, a known admin key, no local agent and no demo data.
/// </summary>
public sealed class ExperimentHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TemporaryDirectory? _ownedData;

    private ExperimentHubServer(WebApplication app, Uri address, string adminKey, string dataDir, TemporaryDirectory? ownedData)
    {
        _app = app;
        Address = address;
        AdminKey = adminKey;
        DataDir = dataDir;
        _ownedData = ownedData;
    }

    /// <summary>The base address, such as <c>http://127.0.0.1:41234/</c> (with the trailing slash).</summary>
    public Uri Address { get; }

    /// <summary>The base address without the trailing slash, for environment variables and child processes.</summary>
    public string BaseUrl => Address.ToString().TrimEnd('/');

    public int Port => Address.Port;

    /// <summary>The agents' SignalR hub.</summary>
    public Uri HubUrl => new(Address, ExperimentHub.Contracts.Agents.AgentHubProtocol.Path);

    public string AdminKey { get; }

    public string DataDir { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ExperimentHubServer> StartAsync(
        Action<ExperimentHubServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new ExperimentHubServerOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AdminKey, nameof(options.AdminKey));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, nameof(options.Port));

        var ownedData = options.DataDir is null ? new TemporaryDirectory("server") : null;
        var dataDir = options.DataDir ?? ownedData!.Path;
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = options.EnvironmentName,
                // The server's name, so that its static web asset manifest (copied next to the caller) is found.
                ApplicationName = typeof(ExperimentHubExtensions).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.WebHost.UseKestrel().UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.Port}"));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ExperimentHub:DataDir"] = dataDir,
                ["ExperimentHub:Bootstrap:AdminApiKey"] = options.AdminKey,
                ["ExperimentHub:Demo:Seed"] = "false",
                ["ExperimentHub:LocalAgent:Slots"] = "0",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(options.Settings);
            builder.AddExperimentHub();
            if (options.LogProvider is { } logs)
            {
                builder.Logging.AddProvider(logs);
            }
            app = builder.Build();
            app.MapExperimentHub();
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel started but reports no address.");
            return new ExperimentHubServer(app, new Uri(address.TrimEnd('/') + "/"), options.AdminKey, dataDir, ownedData);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            ownedData?.Dispose();
            throw;
        }
    }

    /// <summary>An HTTP client on <see cref="Address"/> with the admin key.</summary>
    public HttpClient CreateAdminClient() => CreateClient(AdminKey);

    /// <summary>An HTTP client on <see cref="Address"/> with this bearer key, or none.</summary>
    public HttpClient CreateClient(string? key)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedData?.Dispose();
    }
}
