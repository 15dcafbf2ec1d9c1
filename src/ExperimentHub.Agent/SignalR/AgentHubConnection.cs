using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Agent.SignalR;

/// <summary>The official SignalR client, set up the one way agents (and tests and benchmarks that act as agents) reach the hub.</summary>
public static class AgentHubConnection
{
    /// <summary>
    /// A connection to <paramref name="hubUrl"/> that sends <paramref name="apiKey"/> as its bearer token, speaks the
    /// JSON protocol with <see cref="AgentHubProtocol"/>'s settings, reconnects by itself after a loss (never giving up
    /// while <paramref name="reconnect"/> says so), and resumes a briefly broken connection without losing messages
    /// (stateful reconnect). Not started.
    /// </summary>
    public static HubConnection Create(Uri hubUrl, string? apiKey, IRetryPolicy reconnect, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        ArgumentNullException.ThrowIfNull(reconnect);
        var builder = new HubConnectionBuilder()
            .WithUrl(hubUrl, o => o.AccessTokenProvider = apiKey is null ? null : () => Task.FromResult<string?>(apiKey))
            .WithAutomaticReconnect(reconnect)
            .WithStatefulReconnect()
            .AddJsonProtocol(o => AgentHubProtocol.ConfigureJson(o.PayloadSerializerOptions));
        if (loggers is not null)
        {
            // The agent logs every loss, reconnect and refusal itself in one line; the client's own lines would repeat
            // them with stack traces (a server restart is an error to it), and its lower levels narrate each handshake.
            builder.Services.AddLogging(b => b
                .AddProvider(new ForwardingLoggerProvider(loggers))
                .AddFilter<ForwardingLoggerProvider>("Microsoft", LogLevel.Warning)
                .AddFilter<ForwardingLoggerProvider>("Microsoft.AspNetCore.SignalR.Client", LogLevel.Critical)
                .AddFilter<ForwardingLoggerProvider>("Microsoft.AspNetCore.Http.Connections.Client", LogLevel.Critical));
        }
        return builder.Build();
    }
}
