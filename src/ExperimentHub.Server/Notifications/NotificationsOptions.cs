using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Notifications;

/// <summary>The <c>ExperimentHub:Notifications</c> settings: webhook signing, retries, and the SMTP relay for email.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "ExperimentHub:Notifications";

    /// <summary>The HMAC-SHA256 key of the <c>X-ExperimentHub-Signature-256</c> header; empty: webhooks go unsigned.</summary>
    public string WebhookSecret { get; set; } = "";

    [Range(1, 300, ErrorMessage = "ExperimentHub:Notifications:WebhookTimeoutSeconds must be between 1 and 300")]
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>Tries per message before it is shown as failed.</summary>
    [Range(1, 20, ErrorMessage = "ExperimentHub:Notifications:MaxAttempts must be between 1 and 20")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second try; each later wait is four times the one before.</summary>
    [Range(1, 3600, ErrorMessage = "ExperimentHub:Notifications:RetryBaseSeconds must be between 1 and 3600")]
    public int RetryBaseSeconds { get; set; } = 15;

    /// <summary>The dashboard's address, for links in messages; empty: messages carry no link.</summary>
    public string PublicUrl { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// The latest a pending delivery tried <paramref name="attempts"/> times should be tried again, counted from its
    /// creation: every wait so far plus each try's time limit. Past this (and a margin for a busy job queue) its job
    /// was lost, and the resend job gives it a new one.
    /// </summary>
    public TimeSpan NextTryDueWithin(int attempts)
    {
        var due = TimeSpan.FromSeconds(WebhookTimeoutSeconds);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            due += RetryDelay(attempt) + TimeSpan.FromSeconds(WebhookTimeoutSeconds);
        }
        return due;
    }

    /// <summary>The wait after failed try number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromSeconds(RetryBaseSeconds * Math.Pow(4, Math.Max(0, attempt - 1)));
}
