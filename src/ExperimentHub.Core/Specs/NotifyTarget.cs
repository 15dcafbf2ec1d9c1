namespace ExperimentHub.Core.Specs;

/// <summary>One entry of a spec's <c>notify</c> list: where to send, and on which events.</summary>
/// <param name="Address">The webhook's absolute http(s) URL, or the email address.</param>
public sealed record NotifyTarget(NotifyChannel Channel, string Address, IReadOnlyList<NotifyEvent> On)
{
    public bool Wants(NotifyEvent notifyEvent) => On.Contains(notifyEvent);
}
