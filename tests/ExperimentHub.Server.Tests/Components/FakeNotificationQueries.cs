using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Notifications;

namespace ExperimentHub.Server.Tests.Components;

internal sealed class FakeNotificationQueries : INotificationQueries
{
    public List<NotificationDelivery> Deliveries { get; } = [];

    public Task<IReadOnlyList<NotificationDelivery>> ForSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NotificationDelivery>>(Deliveries.Where(d => d.SweepId == sweepId).ToList());
}
