namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Wakes the coordinator: a trial ended, a sweep was submitted, paused, resumed or extended. Signals that arrive
/// while it works collapse into one more pass, so a burst of trial ends costs one look at the sweeps.
/// </summary>
public sealed class DispatchSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the next pass sees this change too.
        }
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
