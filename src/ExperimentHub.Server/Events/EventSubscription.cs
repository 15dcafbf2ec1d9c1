namespace ExperimentHub.Server.Events;

/// <summary>
/// One handler on one or more topics. Signals that arrive while the handler runs, or within its minimum interval of
/// its last call, collapse into one later call, so a burst of publishes (on any of its topics) costs one re-render.
/// </summary>
internal sealed class EventSubscription(
    ExperimentEvents owner, IReadOnlyList<ExperimentTopic> topics, Func<Task> onChanged, TimeSpan minInterval, TimeProvider time, ILogger logger)
    : IDisposable
{
    private readonly Lock _gate = new();
    private bool _pending;
    private bool _pumping;
    private bool _disposed;
    private long _lastCall = long.MinValue;

    public IReadOnlyList<ExperimentTopic> Topics => topics;

    public void Signal()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _pending = true;
            if (_pumping)
            {
                return;
            }
            _pumping = true;
        }
        _ = Task.Run(PumpAsync);
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            var wait = TimeSpan.Zero;
            lock (_gate)
            {
                if (_disposed || !_pending)
                {
                    _pumping = false;
                    return;
                }
                if (_lastCall != long.MinValue)
                {
                    var since = time.GetElapsedTime(_lastCall);
                    wait = since < minInterval ? minInterval - since : TimeSpan.Zero;
                }
            }
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time).ConfigureAwait(false);
            }
            lock (_gate)
            {
                if (_disposed)
                {
                    _pumping = false;
                    return;
                }
                _pending = false;
                _lastCall = time.GetTimestamp();
            }
            try
            {
                await onChanged().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failing subscriber (a closed page) must not stop the others or the publisher.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogDebug(ex, "A subscriber of {Topics} failed", string.Join(", ", topics));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        owner.Remove(this);
    }
}
