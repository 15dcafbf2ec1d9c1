namespace ExperimentHub.Server.Events;

/// <summary>
/// A page's subscription to a set of topics that changes with what the page shows (the runs still running, the sweeps
/// still live). Following a new set subscribes to it before the old subscription goes, so no change in between is
/// lost; following the same set again changes nothing.
/// </summary>
public sealed class TopicFollower(IExperimentEvents events, Func<Task> onChanged, TimeSpan? minInterval = null) : IDisposable
{
    private readonly Lock _gate = new();
    private HashSet<ExperimentTopic> _topics = [];
    private IDisposable? _subscription;
    private bool _disposed;

    /// <summary>The topics followed now.</summary>
    public IReadOnlyCollection<ExperimentTopic> Topics
    {
        get
        {
            lock (_gate)
            {
                return [.. _topics];
            }
        }
    }

    public void Follow(IEnumerable<ExperimentTopic> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var wanted = topics.ToHashSet();
        IDisposable? previous;
        lock (_gate)
        {
            if (_disposed || (_subscription is not null && wanted.SetEquals(_topics)))
            {
                return;
            }
            previous = _subscription;
            _topics = wanted;
            _subscription = events.Subscribe(wanted, onChanged, minInterval);
        }
        previous?.Dispose();
    }

    public void Dispose()
    {
        IDisposable? subscription;
        lock (_gate)
        {
            _disposed = true;
            subscription = _subscription;
            _subscription = null;
            _topics = [];
        }
        subscription?.Dispose();
    }
}
