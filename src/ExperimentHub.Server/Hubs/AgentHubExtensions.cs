using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Dispatch;
using Microsoft.AspNetCore.SignalR;

namespace ExperimentHub.Server.Hubs;

public static class AgentHubExtensions
{
    /// <summary>Large enough for a batch of log lines or metric points in one message.</summary>
    public const long MaxMessageBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddAgentHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = MaxMessageBytes;
            o.EnableDetailedErrors = builder.Environment.IsDevelopment();
        })
            .AddHubOptions<AgentHub>(o =>
            {
                o.AddFilter<AgentHubFailures>();
                o.AddFilter<AgentHubKeyCheck>();
            })
            .AddJsonProtocol(o => AgentHubProtocol.ConfigureJson(o.PayloadSerializerOptions));
        // The agent hub's refusals are one line and its faults one entry with the stack trace, from AgentHubFailures.
        builder.Logging.AddFilter(AgentHubFailures.DispatcherCategory, LogLevel.Critical);
        builder.Services.AddSingleton<AgentConnections>();
        builder.Services.AddSingleton<IAgentNotifier, HubAgentNotifier>();
        builder.Services.AddTransient<IStartupFilter, AgentHubAccessTokenFilter>();
        return builder;
    }

    /// <summary>
    /// Browsers and WebSocket clients cannot always set headers, so an agent may pass its key as <c>access_token</c>
    /// on the hub's URL; it becomes the bearer header the API key handler reads. A startup filter puts it first in the pipeline.
    /// </summary>
    internal static IApplicationBuilder UseAgentHubAccessToken(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(AgentHubProtocol.Path, StringComparison.OrdinalIgnoreCase)
                && string.IsNullOrEmpty(context.Request.Headers.Authorization)
                && context.Request.Query["access_token"] is [{ Length: > 0 } token])
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }
            return next(context);
        });

    /// <summary>
    /// Stateful reconnect lets an agent whose socket broke for a moment resume the same connection (same registration,
    /// no message lost either way) instead of registering and reattaching again.
    /// </summary>
    public static IEndpointRouteBuilder MapAgentHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<AgentHub>(AgentHubProtocol.Path, o => o.AllowStatefulReconnects = true);
        return app;
    }
}
