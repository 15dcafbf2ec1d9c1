using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Audit;

/// <summary>
/// Who launched, stopped, created and revoked what. The API and the dashboard record their actions here after they
/// succeed; admins read it on the Audit page and at <c>GET /api/v1/audit</c>.
/// </summary>
public sealed class AuditLog(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time, ILogger<AuditLog> logger)
{
    public const int MaxPage = 1000;

    public async Task RecordAsync(string actor, string action, string target, string? project = null, string? detail = null)
    {
        // Not the request's token: an action that happened is recorded even when its caller hangs up right after.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.AuditEvents.Add(new AuditEvent { At = time.GetUtcNow(), Actor = actor, Action = action, Target = target, Project = project, Detail = detail });
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Audit: {Actor} {Action} {Target} {Project}", actor, action, target, project);
    }

    /// <summary>The newest events first, before <paramref name="beforeId"/> when given.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ListAsync(long? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEvents.AsNoTracking();
        if (beforeId is { } before)
        {
            query = query.Where(e => e.Id < before);
        }
        return await query.OrderByDescending(e => e.Id).Take(Math.Clamp(limit, 1, MaxPage)).ToListAsync(cancellationToken);
    }
}
