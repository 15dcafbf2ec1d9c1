using System.Text.Json;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.SignalR;

/// <summary>How a <see cref="HubConnection"/> reaches its hub and how patient it is.</summary>
public sealed record HubConnectionOptions
{
    /// <summary>The hub's address, for example <c>http://127.0.0.1:5000/hubs/agents</c> (http, https, ws or wss).</summary>
    public required Uri Url { get; init; }

    /// <summary>Bearer token (an API key), sent in the Authorization header.</summary>
    public string? AccessToken { get; init; }

    /// <summary>Also send the token as the <c>access_token</c> query parameter (for servers that read it only there).</summary>
    public bool AccessTokenInQuery { get; init; }

    /// <summary>Open the WebSocket directly, without the negotiate request (the server must allow it).</summary>
    public bool SkipNegotiation { get; init; }

    /// <summary>A ping is sent when nothing else was sent for this long (the server drops silent clients after 30 s by default).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The connection counts as lost when nothing arrives for this long (the server pings every 15 s by default).</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public ReconnectPolicy Reconnect { get; init; } = new();

    /// <summary>When the first connection fails for a reason other than a refused token, keep trying (with backoff) instead of failing.</summary>
    public bool RetryInitialConnect { get; init; } = true;

    /// <summary>Outgoing messages larger than this go out as several WebSocket frames.</summary>
    public int SendFrameBytes { get; init; } = 16 * 1024;

    /// <summary>An incoming message larger than this breaks the connection instead of growing the buffer without bound.</summary>
    public int MaxReceiveMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Payload JSON settings; by default those of <see cref="AgentHubProtocol.ConfigureJson"/>.</summary>
    public JsonSerializerOptions? JsonOptions { get; init; }
}
