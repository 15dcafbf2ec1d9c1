using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using ExperimentHub.Contracts.Agents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExperimentHub.Agent.SignalR;

/// <summary>
/// A SignalR client for the JSON hub protocol (version 1) over <see cref="ClientWebSocket"/>: negotiate (or not),
/// handshake, invocations with results, server-to-client invocations, pings, and reconnection with backoff.
/// After every (re)connection <see cref="OnConnected"/> runs before any other call goes out, so the agent can
/// register and reattach first; calls made while disconnected wait for the connection to come back.
/// </summary>
public sealed class HubConnection : IAsyncDisposable
{
    private static readonly byte[] PingMessage = HubProtocolWriter.Ping();
    private static readonly byte[] CloseMessage = HubProtocolWriter.Close();

    private readonly HubConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly JsonSerializerOptions _json;
    private readonly HttpClient _http = new();
    private readonly ConcurrentDictionary<string, HubHandler> _handlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<InboundInvocation> _inbound = Channel.CreateUnbounded<InboundInvocation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly AsyncLocal<bool> _inConnectedCallback = new();
    private readonly Lock _stateLock = new();
    private TaskCompletionSource _ready = NewReadySource();
    private HubSocket? _socket;
    private HubConnectionState _state = HubConnectionState.Disconnected;
    private Task? _supervisor;
    private Task? _dispatcher;
    private long _invocationId;
    private int _started;
    private int _disposed;

    public HubConnection(HubConnectionOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Url.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new ArgumentException($"The hub URL '{options.Url}' must use http, https, ws or wss.", nameof(options));
        }
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _json = options.JsonOptions ?? AgentHubProtocol.CreateJsonOptions();
    }

    /// <summary>
    /// Runs after each handshake (the argument says whether it is a reconnection) and before calls from elsewhere
    /// go out. Calls made inside it go straight through. If it throws, the connection is dropped and retried.
    /// </summary>
    public Func<bool, CancellationToken, Task>? OnConnected { get; set; }

    public HubConnectionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>How many times a connection was re-established after a loss (for tests and status lines).</summary>
    public int ReconnectCount { get; private set; }

    /// <summary>Handles server calls of <paramref name="target"/> (matched without regard to case); replaces any earlier handler.</summary>
    public void On(string target, IReadOnlyList<Type> parameterTypes, Func<object?[], Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[target] = new HubHandler([.. parameterTypes], handler);
    }

    public void On<T>(string target, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        On(target, [typeof(T)], args => handler((T)args[0]!));
    }

    public void On(string target, Func<Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        On(target, [], _ => handler());
    }

    /// <summary>
    /// Connects and runs <see cref="OnConnected"/>. A refused token or a wrong address fails at once; other failures
    /// are retried with backoff when <see cref="HubConnectionOptions.RetryInitialConnect"/> is set, until cancelled.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The hub connection was already started.");
        }
        _dispatcher = Task.Run(DispatchLoopAsync, CancellationToken.None);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        SetState(HubConnectionState.Connecting);
        HubSocket socket;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                socket = await OpenAsync(isReconnect: false, linked.Token);
                break;
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                SetState(HubConnectionState.Disconnected);
                throw;
            }
            catch (Exception e) when (_options.RetryInitialConnect && e is not HubConnectionException { IsFatal: true })
            {
                var delay = _options.Reconnect.DelayFor(attempt, Random.Shared);
                _logger.LogWarning("Cannot connect to {Url} ({Error}); retrying in {Delay:F1} s", _options.Url, e.Message, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, linked.Token);
                }
                catch (OperationCanceledException)
                {
                    SetState(HubConnectionState.Disconnected);
                    throw;
                }
            }
            catch
            {
                SetState(HubConnectionState.Disconnected);
                throw;
            }
        }
        _supervisor = Task.Run(() => SuperviseAsync(socket), CancellationToken.None);
    }

    /// <summary>Calls a hub method and returns its result, deserialized as <typeparamref name="TResult"/>.</summary>
    /// <exception cref="HubConnectionLostException">The connection dropped before the result came.</exception>
    /// <exception cref="HubInvocationException">The hub method failed on the server.</exception>
    public async Task<TResult> InvokeAsync<TResult>(string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
    {
        var result = await InvokeCoreAsync(target, arguments, cancellationToken);
        return result.ValueKind == JsonValueKind.Undefined ? default! : result.Deserialize<TResult>(_json)!;
    }

    /// <summary>Calls a hub method that returns nothing, and waits until the server has run it.</summary>
    public Task InvokeAsync(string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default) =>
        InvokeCoreAsync(target, arguments, cancellationToken);

    /// <summary>Sends an invocation without waiting for the server to run it (no result, no error comes back).</summary>
    public async Task SendAsync(string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
    {
        var socket = await ReadySocketAsync(cancellationToken);
        try
        {
            await socket.SendAsync(HubProtocolWriter.Invocation(null, target, arguments, _json), cancellationToken);
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
        {
            throw new HubConnectionLostException($"The connection was lost while sending '{target}'.", e);
        }
    }

    /// <summary>Closes the connection politely and stops reconnecting; pending calls fail.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _lifetime.CancelAsync();
        HubSocket? socket;
        lock (_stateLock)
        {
            socket = _socket;
        }
        if (socket is not null)
        {
            await socket.CloseAsync(CloseMessage, TimeSpan.FromSeconds(2));
        }
        if (_supervisor is not null)
        {
            await _supervisor;
        }
        if (socket is not null)
        {
            await socket.Closed;
            socket.Dispose();
        }
        _inbound.Writer.TryComplete();
        if (_dispatcher is not null)
        {
            await _dispatcher;
        }
        FailPending(new ObjectDisposedException(nameof(HubConnection)));
        SetState(HubConnectionState.Disconnected);
        _http.Dispose();
        _lifetime.Dispose();
    }

    private static TaskCompletionSource NewReadySource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool IsConnectionFailure(Exception e, CancellationToken cancellationToken) =>
        e is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException ||
        (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task<JsonElement> InvokeCoreAsync(string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(arguments);
        var socket = await ReadySocketAsync(cancellationToken);
        var id = Interlocked.Increment(ref _invocationId).ToString(CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        // The receive loop marks the socket closed before failing pending calls, so one of the two sees the other.
        if (socket.IsClosed)
        {
            _pending.TryRemove(id, out _);
            throw new HubConnectionLostException($"The connection was lost before '{target}' was sent.");
        }
        try
        {
            await socket.SendAsync(HubProtocolWriter.Invocation(id, target, arguments, _json), cancellationToken);
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
        {
            _pending.TryRemove(id, out _);
            throw new HubConnectionLostException($"The connection was lost while sending '{target}'.", e);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }
        using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetCanceled(cancellationToken);
            }
        });
        return await completion.Task;
    }

    /// <summary>The current socket once it is ready; inside <see cref="OnConnected"/> the socket being set up.</summary>
    private async Task<HubSocket> ReadySocketAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (Volatile.Read(ref _started) == 0)
        {
            throw new InvalidOperationException("Start the hub connection before calling the hub.");
        }
        if (!_inConnectedCallback.Value)
        {
            Task ready;
            lock (_stateLock)
            {
                ready = _ready.Task;
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            try
            {
                await ready.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(HubConnection));
            }
        }
        lock (_stateLock)
        {
            return _socket ?? throw new HubConnectionLostException("The hub connection is not open.");
        }
    }

    private async Task SuperviseAsync(HubSocket socket)
    {
        while (true)
        {
            await socket.Closed;
            socket.Dispose();
            if (_lifetime.IsCancellationRequested)
            {
                return;
            }
            SetState(HubConnectionState.Reconnecting);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await Task.Delay(_options.Reconnect.DelayFor(attempt, Random.Shared), _lifetime.Token);
                    socket = await OpenAsync(isReconnect: true, _lifetime.Token);
                    ReconnectCount++;
                    _logger.LogInformation("Reconnected to {Url} after {Attempts} attempt(s)", _options.Url, attempt + 1);
                    break;
                }
                catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    _logger.LogWarning("Reconnect attempt {Attempt} to {Url} failed: {Error}", attempt + 1, _options.Url, e.Message);
                }
            }
        }
    }

    /// <summary>Connects, starts the receive and keep-alive loops, runs <see cref="OnConnected"/>, then opens the gate.</summary>
    private async Task<HubSocket> OpenAsync(bool isReconnect, CancellationToken cancellationToken)
    {
        var socket = await ConnectSocketAsync(cancellationToken);
        lock (_stateLock)
        {
            _socket = socket;
        }
        _ = Task.Run(() => ReceiveLoopAsync(socket), CancellationToken.None);
        _ = Task.Run(() => KeepAliveLoopAsync(socket), CancellationToken.None);
        try
        {
            if (OnConnected is { } callback)
            {
                await RunConnectedCallbackAsync(callback, isReconnect, cancellationToken);
            }
        }
        catch
        {
            socket.Abort();
            await socket.Closed;
            socket.Dispose();
            throw;
        }
        lock (_stateLock)
        {
            if (!socket.IsClosed)
            {
                _state = HubConnectionState.Connected;
                _ready.TrySetResult();
                return socket;
            }
        }
        await socket.Closed;
        socket.Dispose();
        throw new HubConnectionLostException("The connection closed while it was being set up.");
    }

    private async Task RunConnectedCallbackAsync(Func<bool, CancellationToken, Task> callback, bool isReconnect, CancellationToken cancellationToken)
    {
        // Set in this async method only: the flag flows into the callback's calls and vanishes when it returns.
        _inConnectedCallback.Value = true;
        await callback(isReconnect, cancellationToken);
    }

    private async Task<HubSocket> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        var url = _options.Url;
        var token = _options.AccessToken;
        string? connectionToken = null;
        if (!_options.SkipNegotiation)
        {
            for (var redirects = 0; ; redirects++)
            {
                var negotiation = await NegotiateAsync(url, token, cancellationToken);
                if (negotiation.RedirectUrl is null)
                {
                    connectionToken = negotiation.ConnectionToken;
                    break;
                }
                if (redirects >= 10)
                {
                    throw new HubConnectionException("The server redirected negotiation more than 10 times.") { IsFatal = true };
                }
                url = new Uri(negotiation.RedirectUrl);
                token = negotiation.AccessToken ?? token;
            }
        }

        var webSocket = new ClientWebSocket();
        webSocket.Options.CollectHttpResponseDetails = true;
        if (token is not null)
        {
            webSocket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.HandshakeTimeout);
            try
            {
                await webSocket.ConnectAsync(WebSocketUri(url, connectionToken, token), timeout.Token);
            }
            catch (WebSocketException e)
            {
                throw StatusError(webSocket.HttpStatusCode, url, e);
            }
            var buffer = new RecordSeparatorBuffer(_options.MaxReceiveMessageBytes);
            var socket = new HubSocket(webSocket, buffer, _options.SendFrameBytes);
            await socket.SendAsync(HubProtocolWriter.Handshake(), timeout.Token);
            await ReadHandshakeAsync(socket, timeout.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            webSocket.Dispose();
            throw new HubConnectionException($"The hub at {url} did not complete the handshake within {_options.HandshakeTimeout.TotalSeconds:F0} s.");
        }
        catch
        {
            webSocket.Dispose();
            throw;
        }
    }

    private async Task<NegotiateResponse> NegotiateAsync(Uri url, string? token, CancellationToken cancellationToken)
    {
        var builder = new UriBuilder(url) { Scheme = url.Scheme switch { "ws" => "http", "wss" => "https", var s => s } };
        builder.Path = builder.Path.TrimEnd('/') + "/negotiate";
        builder.Query = AppendQuery(builder.Query, "negotiateVersion=1");
        using var request = new HttpRequestMessage(HttpMethod.Post, builder.Uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.HandshakeTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException e)
        {
            throw new HubConnectionException($"Cannot reach {builder.Uri.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HubConnectionException($"Negotiation with {url} timed out.", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw StatusError(response.StatusCode, url, null);
            }
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            try
            {
                return NegotiateResponse.Parse(body);
            }
            catch (JsonException e)
            {
                throw new HubConnectionException($"The negotiate response from {url} is not JSON: {e.Message}", e);
            }
        }
    }

    private static HubConnectionException StatusError(HttpStatusCode status, Uri url, Exception? inner)
    {
        var message = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"The server at {url.GetLeftPart(UriPartial.Authority)} refused the API key (HTTP {(int)status}).",
            HttpStatusCode.NotFound => $"There is no hub at {url} (HTTP 404).",
            0 => $"Cannot open a WebSocket to {url}: {inner?.Message}",
            _ => $"The hub at {url} answered HTTP {(int)status}.",
        };
        var fatal = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
        return inner is null
            ? new HubConnectionException(message) { IsFatal = fatal }
            : new HubConnectionException(message, inner) { IsFatal = fatal };
    }

    private Uri WebSocketUri(Uri url, string? connectionToken, string? token)
    {
        var builder = new UriBuilder(url) { Scheme = url.Scheme switch { "http" => "ws", "https" => "wss", var s => s } };
        var query = builder.Query;
        if (connectionToken is not null)
        {
            query = AppendQuery(query, "id=" + Uri.EscapeDataString(connectionToken));
        }
        if (token is not null && _options.AccessTokenInQuery)
        {
            query = AppendQuery(query, "access_token=" + Uri.EscapeDataString(token));
        }
        builder.Query = query;
        return builder.Uri;
    }

    private static string AppendQuery(string query, string pair)
    {
        var existing = query.TrimStart('?');
        return existing.Length == 0 ? pair : existing + "&" + pair;
    }

    private static async Task ReadHandshakeAsync(HubSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (socket.Buffer.TryRead(out var message))
            {
                using var document = JsonDocument.Parse(message);
                if (document.RootElement.TryGetProperty("error", out var error))
                {
                    throw new HubConnectionException($"The server refused the handshake: {error.GetString()}") { IsFatal = true };
                }
                return;
            }
            var memory = socket.Buffer.GetWriteMemory(4096);
            var result = await socket.WebSocket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new HubConnectionException($"The server closed the connection during the handshake ({socket.WebSocket.CloseStatusDescription}).");
            }
            socket.Buffer.Advance(result.Count);
            socket.MarkReceived();
        }
    }

    private async Task ReceiveLoopAsync(HubSocket socket)
    {
        Exception? failure = null;
        try
        {
            var open = true;
            while (open)
            {
                while (open && socket.Buffer.TryRead(out var message))
                {
                    open = HandleMessage(message.Span);
                }
                if (!open)
                {
                    break;
                }
                var memory = socket.Buffer.GetWriteMemory(8192);
                var result = await socket.WebSocket.ReceiveAsync(memory, socket.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                socket.Buffer.Advance(result.Count);
                socket.MarkReceived();
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            SocketClosed(socket, failure);
        }
    }

    /// <summary>Handles one message; false when the server closed the connection.</summary>
    private bool HandleMessage(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) && t.TryGetInt32(out var value) ? value : 0;
        switch (type)
        {
            case HubProtocolWriter.InvocationType:
                var target = root.GetProperty("target").GetString() ?? "";
                var arguments = root.TryGetProperty("arguments", out var args) ? args.Clone() : default;
                var invocationId = root.TryGetProperty("invocationId", out var invId) ? invId.GetString() : null;
                _inbound.Writer.TryWrite(new InboundInvocation(target, arguments, invocationId));
                return true;
            case HubProtocolWriter.CompletionType:
                var id = root.GetProperty("invocationId").GetString() ?? "";
                if (_pending.TryRemove(id, out var pending))
                {
                    if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                    {
                        pending.TrySetException(new HubInvocationException(error.GetString()!));
                    }
                    else
                    {
                        pending.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }
                return true;
            case HubProtocolWriter.CloseType:
                var reason = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : null;
                _logger.LogWarning("The server closed the hub connection{Reason}", reason is null ? "" : ": " + reason);
                return false;
            default:
                // Pings (6) only prove liveness; stream and ack messages are not used by this client.
                return true;
        }
    }

    private void SocketClosed(HubSocket socket, Exception? failure)
    {
        socket.Abort();
        lock (_stateLock)
        {
            if (ReferenceEquals(_socket, socket))
            {
                _socket = null;
                if (_ready.Task.IsCompleted)
                {
                    _ready = NewReadySource();
                }
                if (_state == HubConnectionState.Connected)
                {
                    _state = HubConnectionState.Reconnecting;
                }
            }
        }
        if (failure is not null && !_lifetime.IsCancellationRequested && failure is not OperationCanceledException)
        {
            _logger.LogWarning("Hub connection to {Url} lost: {Error}", _options.Url, failure.Message);
        }
        FailPending(failure is null ? new HubConnectionLostException() : new HubConnectionLostException("The hub connection was lost: " + failure.Message, failure));
        socket.MarkClosed();
    }

    private void FailPending(Exception error)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetException(error);
            }
        }
    }

    private async Task KeepAliveLoopAsync(HubSocket socket)
    {
        var shortest = Math.Min(_options.KeepAliveInterval.TotalMilliseconds, _options.ServerTimeout.TotalMilliseconds);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(shortest / 4, 10, 1000)));
        try
        {
            while (await timer.WaitForNextTickAsync(socket.Token))
            {
                if (socket.SinceLastReceive > _options.ServerTimeout)
                {
                    _logger.LogWarning("Nothing from {Url} for {Seconds:F0} s; dropping the connection", _options.Url, socket.SinceLastReceive.TotalSeconds);
                    socket.Abort();
                    return;
                }
                if (socket.SinceLastSend >= _options.KeepAliveInterval)
                {
                    await socket.SendAsync(PingMessage, socket.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The socket closed; the receive loop reports it.
        }
    }

    private async Task DispatchLoopAsync()
    {
        await foreach (var invocation in _inbound.Reader.ReadAllAsync())
        {
            if (invocation.InvocationId is not null)
            {
                await AnswerUnsupportedResultAsync(invocation);
            }
            if (!_handlers.TryGetValue(invocation.Target, out var handler))
            {
                _logger.LogWarning("The server called '{Target}', which this client does not handle", invocation.Target);
                continue;
            }
            try
            {
                await handler.Callback(BindArguments(invocation, handler));
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Handling the server's call of '{Target}' failed", invocation.Target);
            }
        }
    }

    private object?[] BindArguments(InboundInvocation invocation, HubHandler handler)
    {
        var values = new object?[handler.ParameterTypes.Length];
        var given = invocation.Arguments.ValueKind == JsonValueKind.Array ? invocation.Arguments.GetArrayLength() : 0;
        if (given != values.Length)
        {
            throw new InvalidDataException($"The server called '{invocation.Target}' with {given} argument(s); {values.Length} expected.");
        }
        var i = 0;
        foreach (var argument in invocation.Arguments.EnumerateArray())
        {
            values[i] = argument.Deserialize(handler.ParameterTypes[i], _json);
            i++;
        }
        return values;
    }

    private async Task AnswerUnsupportedResultAsync(InboundInvocation invocation)
    {
        HubSocket? socket;
        lock (_stateLock)
        {
            socket = _socket;
        }
        if (socket is null)
        {
            return;
        }
        try
        {
            var answer = HubProtocolWriter.CompletionError(invocation.InvocationId!, "This client does not return results.");
            await socket.SendAsync(answer, socket.Token);
        }
        catch (Exception e) when (IsConnectionFailure(e, CancellationToken.None))
        {
            // The server will see the connection drop instead.
        }
    }

    private void SetState(HubConnectionState state)
    {
        lock (_stateLock)
        {
            _state = state;
        }
    }

}
