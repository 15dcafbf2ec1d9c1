namespace ExperimentHub.Core.Specs;

/// <summary>How a notification travels.</summary>
public enum NotifyChannel
{
    /// <summary>A signed JSON POST to a URL.</summary>
    Webhook,
    /// <summary>A message through the server's SMTP relay.</summary>
    Email,
}
