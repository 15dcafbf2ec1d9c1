using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Notifications;

/// <summary>What the sweep page shows of a sweep's notifications (a fake in component tests).</summary>
public interface INotificationQueries
{
    /// <summary>The sweep's latest deliveries, newest first.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ForSweepAsync(long sweepId, CancellationToken cancellationToken);
}
