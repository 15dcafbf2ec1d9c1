namespace ExperimentHub.Server.Data.Entities;

/// <summary>Where a notification stands; stored as snake_case text.</summary>
public enum DeliveryStatus
{
    /// <summary>Not sent yet, or waiting for its next try.</summary>
    Pending,
    /// <summary>The receiver took it (2xx, or the SMTP server accepted it).</summary>
    Delivered,
    /// <summary>Every try failed; not tried again.</summary>
    Failed,
}
