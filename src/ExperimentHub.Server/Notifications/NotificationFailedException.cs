namespace ExperimentHub.Server.Notifications;

/// <summary>A receiver or relay did not take a message; the message says why, for the sweep page.</summary>
public sealed class NotificationFailedException : Exception
{
    public NotificationFailedException()
    {
    }

    public NotificationFailedException(string message)
        : base(message)
    {
    }

    public NotificationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when trying again cannot help (the server has no SMTP relay set).</summary>
    public bool Permanent { get; init; }
}
