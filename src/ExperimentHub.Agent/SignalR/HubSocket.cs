using System.Net.WebSockets;

namespace ExperimentHub.Agent.SignalR;

/// <summary>One WebSocket connection of a <see cref="HubConnection"/>: its receive buffer, serialized sends and liveness clock.</summary>
internal sealed class HubSocket : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _frameBytes;
    private long _lastReceived = Environment.TickCount64;
    private long _lastSent = Environment.TickCount64;
    private volatile bool _isClosed;
    private int _disposed;

    public HubSocket(ClientWebSocket webSocket, RecordSeparatorBuffer buffer, int frameBytes)
    {
        WebSocket = webSocket;
        Buffer = buffer;
        _frameBytes = Math.Max(1024, frameBytes);
    }

    public ClientWebSocket WebSocket { get; }

    public RecordSeparatorBuffer Buffer { get; }

    public CancellationToken Token => _cts.Token;

    public bool IsClosed => _isClosed;

    /// <summary>Completes once the receive loop has ended and every pending call has been failed.</summary>
    public Task Closed => _closed.Task;

    public TimeSpan SinceLastReceive => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastReceived));

    public TimeSpan SinceLastSend => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastSent));

    public void MarkReceived() => Interlocked.Exchange(ref _lastReceived, Environment.TickCount64);

    /// <summary>Sends one whole hub message, in frames of at most the configured size; sends never interleave.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
        await _sendLock.WaitAsync(linked.Token);
        try
        {
            for (var offset = 0; offset < message.Length; offset += _frameBytes)
            {
                var count = Math.Min(_frameBytes, message.Length - offset);
                var last = offset + count >= message.Length;
                await WebSocket.SendAsync(message.Slice(offset, count), WebSocketMessageType.Text, last, linked.Token);
            }
            Interlocked.Exchange(ref _lastSent, Environment.TickCount64);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Marks the socket closed and tears it down at once; safe to call many times.</summary>
    public void Abort()
    {
        _isClosed = true;
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to cancel.
        }
        WebSocket.Abort();
    }

    /// <summary>Says goodbye (a close message, then the WebSocket close handshake) within the timeout, then aborts.</summary>
    public async Task CloseAsync(byte[] closeMessage, TimeSpan timeout)
    {
        _isClosed = true;
        using var timeoutCts = new CancellationTokenSource(timeout);
        try
        {
            await SendAsync(closeMessage, timeoutCts.Token);
            await WebSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeoutCts.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone or slow: aborting below is all that is left.
        }
        Abort();
    }

    public void MarkClosed() => _closed.TrySetResult();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Abort();
        WebSocket.Dispose();
        _cts.Dispose();
        _sendLock.Dispose();
    }
}
