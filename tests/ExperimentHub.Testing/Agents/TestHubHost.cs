using System.Collections.Concurrent;
using System.Net;
using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Testing.Agents;

/// <summary>
/// A tiny real ASP.NET Core server on 127.0.0.1 with SignalR, bearer-key checking on /hubs, and the
/// JSON settings of <see cref="AgentHubProtocol"/>. It can be stopped and started again on the same port.
/// </summary>
public sealed class TestHubHost : IAsyncDisposable
{
    public const string ApiKey = "test-key";

    private readonly WebApplication _app;

    private TestHubHost(WebApplication app, int port, ConcurrentQueue<string> hubAuthorizations)
    {
        _app = app;
        Port = port;
        HubAuthorizations = hubAuthorizations;
    }

    public int Port { get; }

    /// <summary>The Authorization header of every request to /hubs (negotiate and WebSocket), in order; empty when absent.</summary>
    public ConcurrentQueue<string> HubAuthorizations { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public IServiceProvider Services => _app.Services;

    public Uri Hub(string path) => new(BaseUrl, path);

    /// <summary>
    /// A host whose <see cref="AgentHubProtocol.Path"/> is a <see cref="FakeAgentHub"/> over <paramref name="dispatcher"/>,
    /// mapped as the server maps its agent hub (stateful reconnects allowed).
    /// </summary>
    public static Task<TestHubHost> StartAgentHubAsync(FakeDispatcher dispatcher, int port = 0, Action<Microsoft.AspNetCore.SignalR.HubOptions>? hubOptions = null) =>
        StartAsync(
            services => services.AddSingleton(dispatcher),
            app => app.MapHub<FakeAgentHub>(AgentHubProtocol.Path, o => o.AllowStatefulReconnects = true),
            port,
            hubOptions);

    /// <summary>Starts a host; <paramref name="port"/> 0 picks a free one. <paramref name="map"/> maps hubs and endpoints.</summary>
    public static async Task<TestHubHost> StartAsync(
        Action<IServiceCollection> services,
        Action<WebApplication> map,
        int port = 0,
        Action<Microsoft.AspNetCore.SignalR.HubOptions>? hubOptions = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddRouting();
        builder.Services
            .AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 8 * 1024 * 1024;
                o.EnableDetailedErrors = true;
                hubOptions?.Invoke(o);
            })
            .AddJsonProtocol(o => AgentHubProtocol.ConfigureJson(o.PayloadSerializerOptions));
        services(builder.Services);
        var app = builder.Build();
        var hubAuthorizations = new ConcurrentQueue<string>();
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/hubs"))
            {
                var header = context.Request.Headers.Authorization.ToString();
                hubAuthorizations.Enqueue(header);
                var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : context.Request.Query["access_token"].ToString();
                if (token != ApiKey)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
            }
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHubHost(app, new Uri(address).Port, hubAuthorizations);
    }

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
