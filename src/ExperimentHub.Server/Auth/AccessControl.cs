using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// What a caller may do in a project, decided in one place for the API and the dashboard. Admins (users and admin keys)
/// are owners everywhere. A signed-in user has the role of their membership. A key acts for its user with at most its
/// own role: on its one project when it names one, else on every project its user may use. Run tokens and agent keys
/// have no project role: <see cref="ProjectAccessFilter"/> lets a run token reach its own run and sweep only.
/// </summary>
public sealed class AccessControl(IDbContextFactory<ExperimentHubDb> contexts)
{
    public async Task<ProjectRole?> RoleInAsync(Caller caller, long projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsAdmin)
        {
            return ProjectRole.Owner;
        }
        if (caller.Kind == CallerKind.User)
        {
            return caller.UserId is { } userId ? await MembershipAsync(userId, projectId, cancellationToken) : null;
        }
        if (caller.Kind != CallerKind.Key || RoleOfKey(caller.KeyRole) is not { } keyRole)
        {
            return null;
        }
        if (caller.KeyProjectId is { } bound)
        {
            return bound == projectId ? keyRole : null;
        }
        var userRole = caller.UserId is { } owner ? await UserRoleAsync(owner, projectId, cancellationToken) : null;
        return userRole is { } r ? (ProjectRole)Math.Min((int)r, (int)keyRole) : null;
    }

    /// <summary>The projects a caller may see; null means every project.</summary>
    public async Task<IReadOnlySet<long>?> VisibleProjectsAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsAdmin)
        {
            return null;
        }
        if (!caller.IsPerson)
        {
            return new HashSet<long>();
        }
        if (caller.KeyProjectId is { } bound)
        {
            return new HashSet<long> { bound };
        }
        if (caller.UserId is not { } userId)
        {
            return new HashSet<long>();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Id == userId && u.IsAdmin, cancellationToken))
        {
            return null;
        }
        return (await db.ProjectMembers.Where(m => m.UserId == userId).Select(m => m.ProjectId).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Admins, signed-in users, and editor or owner keys bound to no project; the creator becomes the project's owner.</summary>
    public static bool MayCreateProjects(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || caller.Kind == CallerKind.User
            || (caller.Kind == CallerKind.Key && caller.KeyProjectId is null && caller.KeyRole is ApiKeyScope.Editor or ApiKeyScope.Owner);
    }

    public async Task<ProjectTarget?> ProjectOfKeyAsync(string projectKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Projects.AsNoTracking().Where(p => p.Key == projectKey)
            .Select(p => new ProjectTarget(p.Id, p.Key, null, null)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<ProjectTarget?> ProjectOfSweepAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sweeps.AsNoTracking().Where(s => s.Id == sweepId)
            .Select(s => new ProjectTarget(s.ProjectId, s.Project!.Key, s.Id, null)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<ProjectTarget?> ProjectOfRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new ProjectTarget(r.ProjectId, r.Project!.Key, r.SweepId, r.Id)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The project of each of the runs that exist.</summary>
    public async Task<IReadOnlyDictionary<long, long>> ProjectsOfRunsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0)
        {
            return new Dictionary<long, long>();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.ProjectId, cancellationToken);
    }

    /// <summary>The project of each of the sweeps that exist.</summary>
    public async Task<IReadOnlyDictionary<long, long>> ProjectsOfSweepsAsync(IReadOnlyCollection<long> sweepIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweepIds);
        if (sweepIds.Count == 0)
        {
            return new Dictionary<long, long>();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sweeps.AsNoTracking().Where(s => sweepIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ProjectId, cancellationToken);
    }

    /// <summary>The most a key of this role may do in a project.</summary>
    public static ProjectRole? RoleOfKey(ApiKeyScope? scope) => scope switch
    {
        ApiKeyScope.Admin or ApiKeyScope.Owner => ProjectRole.Owner,
        ApiKeyScope.Editor => ProjectRole.Editor,
        ApiKeyScope.Viewer => ProjectRole.Viewer,
        _ => null,
    };

    private async Task<ProjectRole?> UserRoleAsync(long userId, long projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Id == userId && u.IsAdmin, cancellationToken))
        {
            return ProjectRole.Owner;
        }
        return await db.ProjectMembers.Where(m => m.UserId == userId && m.ProjectId == projectId)
            .Select(m => (ProjectRole?)m.Role).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<ProjectRole?> MembershipAsync(long userId, long projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.Where(m => m.UserId == userId && m.ProjectId == projectId)
            .Select(m => (ProjectRole?)m.Role).FirstOrDefaultAsync(cancellationToken);
    }
}
