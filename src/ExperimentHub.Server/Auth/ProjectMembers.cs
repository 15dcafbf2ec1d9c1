using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>Who has which role in a project. One DbContext per call.</summary>
public sealed class ProjectMembers(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<ProjectMember>> ListAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.AsNoTracking().Include(m => m.User).Where(m => m.ProjectId == projectId)
            .OrderBy(m => m.User!.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Gives <paramref name="userId"/> the role, replacing the one they had.</summary>
    public async Task SetAsync(long projectId, long userId, ProjectRole role, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var member = await db.ProjectMembers.FirstOrDefaultAsync(m => m.ProjectId == projectId && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = userId, Role = role, CreatedAt = time.GetUtcNow() });
        }
        else
        {
            member.Role = role;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>False when the user had no role there.</summary>
    public async Task<bool> RemoveAsync(long projectId, long userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.Where(m => m.ProjectId == projectId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
