using System.ComponentModel;
using System.Globalization;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Notifications;

/// <summary>
/// The Hangfire jobs that send notifications. A delivery is tried, and on failure scheduled again after a growing
/// wait (<see cref="NotificationsOptions.RetryDelay"/>) until <see cref="NotificationsOptions.MaxAttempts"/>; then it
/// is marked failed, which the sweep page shows. Idempotent: a delivery that is no longer pending is not sent again,
/// and one delivery is sent by one job at a time (a lock per delivery in the job storage), so a second job for it (the
/// resend job's, for a job thought lost) never sends it twice. A delivery whose job was lost (its enqueue failed after
/// the row was saved, or the server stopped in between) is given a new one by <see cref="ResendStrandedAsync"/>.
/// </summary>
public sealed class NotificationJobs(
    IDbContextFactory<ExperimentHubDb> contexts,
    JobStorage storage,
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
        using var connection = storage.GetConnection();
        IDisposable sending;
        try
        {
            sending = connection.AcquireDistributedLock(LockName(deliveryId), LockWait);
        }
        catch (Exception ex) when (ex is DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException)
        {
            // Another job is sending it now; that one records the outcome and schedules any retry.
            logger.LogInformation("Notification {DeliveryId} is being sent by another job; this one leaves it", deliveryId);
            return;
        }
        using (sending)
        {
            await DeliverLockedAsync(deliveryId, cancellationToken);
        }
    }

    /// <summary>
    /// Gives a new job to every pending delivery that should have been tried by now and was not (its job was lost), as
    /// a recurring job. A delivery whose job is only late gets a second one, which finds it sent or being sent.
    /// </summary>
    [DisplayName("Send notifications whose job was lost")]
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    public async Task ResendStrandedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        List<(long Id, int Attempts, DateTimeOffset CreatedAt)> pending;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            pending = (await db.NotificationDeliveries.AsNoTracking()
                    .Where(d => d.Status == DeliveryStatus.Pending)
                    .Select(d => new { d.Id, d.Attempts, d.CreatedAt })
                    .ToListAsync(cancellationToken))
                .Select(d => (d.Id, d.Attempts, d.CreatedAt))
                .ToList();
        }
        // Compared here, not in SQL: SQLite's provider does not translate DateTimeOffset arithmetic.
        foreach (var (id, attempts, createdAt) in pending.Where(d => d.CreatedAt + settings.NextTryDueWithin(d.Attempts) + StrandedMargin < now))
        {
            logger.LogWarning("Notification {DeliveryId} has waited since {CreatedAt:u} after {Attempts} tries with no job to send it; sending it again",
                id, createdAt, attempts);
            jobs.Enqueue<NotificationJobs>(j => j.DeliverAsync(id, CancellationToken.None));
        }
    }

    private async Task DeliverLockedAsync(long deliveryId, CancellationToken cancellationToken)
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

    /// <summary>How long a delivery's job may be late (a busy queue, a slow server) before it counts as lost.</summary>
    internal static readonly TimeSpan StrandedMargin = TimeSpan.FromMinutes(5);

    /// <summary>A second job for a delivery being sent gives up after this wait; the sender handles the outcome.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(1);

    private static string LockName(long deliveryId) =>
        "experimenthub:notification-delivery:" + deliveryId.ToString(CultureInfo.InvariantCulture);

    [DisplayName("Tell sweep {0}'s targets if trial run {1} is its new best")]
    [AutomaticRetry(Attempts = 2)]
    public Task CheckNewBestAsync(long sweepId, long runId, CancellationToken cancellationToken) =>
        planner.CheckNewBestAsync(sweepId, runId, cancellationToken);
}
