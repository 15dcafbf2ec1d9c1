using System.ComponentModel;
using System.Globalization;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Notifications;

/// <summary>
/// The Hangfire jobs that send notifications. A delivery is tried, and on failure scheduled again after a growing
/// wait (<see cref="NotificationsOptions.RetryDelay"/>) until <see cref="NotificationsOptions.MaxAttempts"/>; then it
/// is marked failed, which the sweep page shows. Idempotent: a delivery that is no longer pending is not sent again.
/// </summary>
public sealed class NotificationJobs(
    IDbContextFactory<ExperimentHubDb> contexts,
    NotificationPlanner planner,
    WebhookSender webhooks,
    EmailSender email,
    IBackgroundJobClient jobs,
    IExperimentEvents events,
    TimeProvider time,
    IOptions<NotificationsOptions> options,
    ILogger<NotificationJobs> logger)
{
    [DisplayName("Send notification {0}")]
    [AutomaticRetry(Attempts = 0)]
    public async Task DeliverAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.NotificationDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is not { Status: DeliveryStatus.Pending })
        {
            return;
        }
        var sweepUrl = options.Value.PublicUrl is { Length: > 0 } root
            ? $"{root.TrimEnd('/')}/sweeps/{delivery.SweepId.ToString(CultureInfo.InvariantCulture)}"
            : null;
        string? error = null;
        var permanent = false;
        try
        {
            if (delivery.Channel == "email")
            {
                await email.SendAsync(delivery, sweepUrl, cancellationToken);
            }
            else
            {
                await webhooks.SendAsync(delivery, sweepUrl, cancellationToken);
            }
        }
        catch (NotificationFailedException ex)
        {
            error = ex.Message;
            permanent = ex.Permanent;
        }

        delivery.Attempts++;
        delivery.LastError = error;
        var settings = options.Value;
        if (error is null)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.FinishedAt = time.GetUtcNow();
        }
        else if (permanent || delivery.Attempts >= settings.MaxAttempts)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.FinishedAt = time.GetUtcNow();
            logger.LogWarning("Notification {DeliveryId} to {Target} failed after {Attempts} tries: {Error}",
                delivery.Id, delivery.Target, delivery.Attempts, error);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (delivery.Status == DeliveryStatus.Pending)
        {
            var wait = settings.RetryDelay(delivery.Attempts);
            logger.LogInformation("Notification {DeliveryId} to {Target} failed ({Error}); try {Next} in {Wait}",
                delivery.Id, delivery.Target, error, delivery.Attempts + 1, wait);
            jobs.Schedule<NotificationJobs>(j => j.DeliverAsync(deliveryId, CancellationToken.None), wait);
            return;
        }
        events.Publish(ExperimentTopic.Sweep(delivery.SweepId));
    }

    [DisplayName("Tell sweep {0}'s targets if trial run {1} is its new best")]
    [AutomaticRetry(Attempts = 2)]
    public Task CheckNewBestAsync(long sweepId, long runId, CancellationToken cancellationToken) =>
        planner.CheckNewBestAsync(sweepId, runId, cancellationToken);
}
