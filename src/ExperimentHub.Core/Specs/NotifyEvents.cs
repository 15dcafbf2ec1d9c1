namespace ExperimentHub.Core.Specs;

/// <summary>The names events have in specs and payloads (<c>completed</c>, <c>new_best</c>), both ways.</summary>
public static class NotifyEvents
{
    public static IReadOnlyDictionary<string, NotifyEvent> ByName { get; } = new Dictionary<string, NotifyEvent>(StringComparer.Ordinal)
    {
        ["completed"] = NotifyEvent.Completed,
        ["failed"] = NotifyEvent.Failed,
        ["paused"] = NotifyEvent.Paused,
        ["new_best"] = NotifyEvent.NewBest,
    };

    public static string Name(NotifyEvent notifyEvent) => notifyEvent switch
    {
        NotifyEvent.Completed => "completed",
        NotifyEvent.Failed => "failed",
        NotifyEvent.Paused => "paused",
        NotifyEvent.NewBest => "new_best",
        _ => throw new ArgumentOutOfRangeException(nameof(notifyEvent), notifyEvent, "not a notification event"),
    };
}
