using System.Collections.Concurrent;

namespace ExperimentHub.Server.Events;

/// <summary>The singleton <see cref="IExperimentEvents"/>: a topic table of coalescing subscriptions.</summary>
internal sealed class ExperimentEvents(TimeProvider time, ILogger<ExperimentEvents> logger) : IExperimentEvents
{
    /// <summary>The shortest gap between two calls of one handler: about four renders a second.</summary>
    internal static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<ExperimentTopic, ConcurrentDictionary<EventSubscription, byte>> _topics = new();

    public IDisposable Subscribe(ExperimentTopic topic, Func<Task> onChanged) => Subscribe([topic], onChanged);

    public IDisposable Subscribe(IReadOnlyCollection<ExperimentTopic> topics, Func<Task> onChanged, TimeSpan? minInterval = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(onChanged);
        var interval = minInterval ?? MinInterval;
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero, nameof(minInterval));
        var subscription = new EventSubscription(this, [.. topics.Distinct()], onChanged, interval, time, logger);
        foreach (var topic in subscription.Topics)
        {
            _topics.GetOrAdd(topic, _ => new()).TryAdd(subscription, 0);
        }
        return subscription;
    }

    public void Publish(ExperimentTopic topic)
    {
        if (_topics.TryGetValue(topic, out var subscriptions))
        {
            foreach (var subscription in subscriptions.Keys)
            {
                subscription.Signal();
            }
        }
    }

    internal int SubscriberCount(ExperimentTopic topic) => _topics.TryGetValue(topic, out var s) ? s.Count : 0;

    internal void Remove(EventSubscription subscription)
    {
        foreach (var topic in subscription.Topics)
        {
            if (_topics.TryGetValue(topic, out var subscriptions))
            {
                // Empty topic entries stay: removing them could race with a new subscriber, and they cost a few bytes.
                subscriptions.TryRemove(subscription, out _);
            }
        }
    }
}
