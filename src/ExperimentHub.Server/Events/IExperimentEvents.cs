namespace ExperimentHub.Server.Events;

/// <summary>
/// In-process change notifications for open dashboards. The code that commits a change publishes its topic; pages
/// subscribe to the topics they show. Publishing never waits for subscribers, and each subscription coalesces bursts
/// so that a handler runs at most a few times a second however fast changes arrive.
/// </summary>
public interface IExperimentEvents
{
    /// <summary>Calls <paramref name="onChanged"/> after the topic changes; dispose the result to stop.</summary>
    IDisposable Subscribe(ExperimentTopic topic, Func<Task> onChanged);

    /// <summary>
    /// Calls <paramref name="onChanged"/> after any of the topics changes, at most once per
    /// <paramref name="minInterval"/> (a quarter of a second when not given) however many of them change.
    /// </summary>
    IDisposable Subscribe(IReadOnlyCollection<ExperimentTopic> topics, Func<Task> onChanged, TimeSpan? minInterval = null);

    /// <summary>Tells the topic's subscribers that something changed (cheap when nobody listens).</summary>
    void Publish(ExperimentTopic topic);
}
