namespace ExperimentHub.Agent.Runners;

/// <summary>
/// Which hub connection the agent has registered and reattached on. The hub refuses every call but Register on a
/// connection that has not registered, and after a reconnect the agent must call Register then Reattach before
/// anything else: so reports and requests wait here until the current connection is the registered one. A call that
/// fails is told apart by the same test: if the connection it went out on is no longer the current one, it was lost
/// (and is worth sending again); otherwise the server refused it.
/// </summary>
/// <param name="currentConnectionId">The id of the connection open now; null while there is none.</param>
internal sealed class RegisteredConnection(Func<string?> currentConnectionId)
{
    private readonly Lock _lock = new();
    private string? _registeredId;
    private TaskCompletionSource _registered = NewSignal();

    /// <summary>The registered connection's id while it is the open one; null otherwise.</summary>
    public string? Current
    {
        get
        {
            var registered = Volatile.Read(ref _registeredId);
            return registered is not null && registered == currentConnectionId() ? registered : null;
        }
    }

    /// <summary>Register and Reattach completed on <paramref name="connectionId"/>: let the waiting calls go.</summary>
    public void Registered(string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        TaskCompletionSource signal;
        lock (_lock)
        {
            Volatile.Write(ref _registeredId, connectionId);
            signal = _registered;
            _registered = NewSignal();
        }
        signal.TrySetResult();
    }

    /// <summary>Waits until the open connection is registered; returns its id.</summary>
    public async Task<string> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task registered;
            lock (_lock)
            {
                registered = _registered.Task;
            }
            // Read after taking the signal, so a registration in between is not missed.
            if (Current is { } id)
            {
                return id;
            }
            await registered.WaitAsync(cancellationToken);
        }
    }

    /// <summary>True when <paramref name="connectionId"/> is no longer the open connection: a call on it was cut off, not refused.</summary>
    public bool IsLost(string connectionId) => currentConnectionId() != connectionId;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
