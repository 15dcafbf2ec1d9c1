using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ExperimentHub.Agent.Tests.Hosting;

/// <summary>
/// A WebSocket endpoint that completes the SignalR handshake and then never says a word, counting the
/// client's pings: the client must keep pinging it and must give up on it after its server timeout.
/// </summary>
internal sealed class SilentServer
{
    private int _connections;
    private int _pings;

    public int Connections => Volatile.Read(ref _connections);

    public int Pings => Volatile.Read(ref _pings);

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _connections);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        var handshakeDone = false;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var messages = text.ToString().Split('\u001e');
                text.Clear().Append(messages[^1]);
                foreach (var message in messages[..^1])
                {
                    if (!handshakeDone)
                    {
                        handshakeDone = true;
                        await socket.SendAsync("{}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, context.RequestAborted);
                    }
                    else if (message.Contains("\"type\":6", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _pings);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client dropped us, as it should.
        }
    }
}
