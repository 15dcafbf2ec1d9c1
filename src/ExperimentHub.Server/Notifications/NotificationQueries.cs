using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Notifications;

/// <summary>What the dashboard shows of notifications: a sweep's messages, newest first.</summary>
public sealed class NotificationQueries(IDbContextFactory<ExperimentHubDb> contexts) : INotificationQueries
{
    public async Task<IReadOnlyList<NotificationDelivery>> ForSweepAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.NotificationDeliveries.AsNoTracking().Where(d => d.SweepId == sweepId)
            .OrderByDescending(d => d.Id).Take(200).ToListAsync(cancellationToken);
    }
}
