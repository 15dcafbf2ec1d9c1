namespace ExperimentHub.Server.Data.Entities;

/// <summary>One message owed to one target about one event of a sweep; unique per (sweep, channel, target, event key).</summary>
public sealed class NotificationDelivery
{
    public long Id { get; set; }
    public long SweepId { get; set; }
    /// <summary><c>webhook</c> or <c>email</c>.</summary>
    public required string Channel { get; set; }
    /// <summary>The URL or the email address.</summary>
    public required string Target { get; set; }
    /// <summary><c>completed</c>, <c>failed</c>, <c>paused</c> or <c>new_best</c>.</summary>
    public required string Event { get; set; }
    /// <summary>What makes this occurrence of the event one: <c>paused@1733540000000</c>, <c>new_best@run:42</c>.</summary>
    public required string EventKey { get; set; }
    public long? RunId { get; set; }
    /// <summary>The human-readable line sent (Slack's <c>text</c>, the email's subject).</summary>
    public required string Text { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
