namespace ExperimentHub.Server.Events;

/// <summary>
/// In-process change notifications for open dashboards. The ingest path and the dispatcher publish; pages subscribe.
/// Publishing never waits for subscribers, and each subscription coalesces bursts so that a handler runs at most a few
/// times a second however fast points arrive.
/// </summary>
public interface IExperimentEvents
{
    /// <summary>Calls <paramref name="onChanged"/> after the topic changes; dispose the result to stop.</summary>
    IDisposable Subscribe(ExperimentTopic topic, Func<Task> onChanged);

    /// <summary>Tells the topic's subscribers that something changed (cheap when nobody listens).</summary>
    void Publish(ExperimentTopic topic);
}
