using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Creates, lists and revokes keys for the API, the dashboard's Keys page and <c>ehub keys</c>. Who may: admins any key;
/// a project's owners that project's keys; a signed-in user their own keys; a key itself. A key never gets more than its maker has: a key for
/// no project acts for its user with at most its role, and only admins make admin and agent keys.
/// </summary>
public sealed class KeyManager(
    IDbContextFactory<ExperimentHubDb> contexts,
    ApiKeyIssuer issuer,
    ApiKeyResolver resolver,
    AccessControl access,
    AuditLog audit,
    TimeProvider time)
{
    public const int MaxNameLength = 100;
    public static readonly IReadOnlyList<string> Roles = ["viewer", "editor", "owner", "admin", "agent"];

    public async Task<AccessResult<CreatedKeyDto>> CreateAsync(Caller caller, CreateKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.IsPerson)
        {
            return Fail<CreatedKeyDto>(StatusCodes.Status403Forbidden, "Authorization", "run tokens and agent keys cannot make keys");
        }
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return Fail<CreatedKeyDto>(StatusCodes.Status400BadRequest, "name", $"a key's name has 1 to {MaxNameLength} characters and no control characters");
        }
        if (!EnumNames.TryParse<ApiKeyScope>(request.Role, out var role) || role == ApiKeyScope.Run)
        {
            return Fail<CreatedKeyDto>(StatusCodes.Status400BadRequest, "role", $"'{request.Role}' is not a key role; expected one of {string.Join(", ", Roles)}");
        }
        if (request.ExpiresAt is { } expiry && expiry <= time.GetUtcNow())
        {
            return Fail<CreatedKeyDto>(StatusCodes.Status400BadRequest, "expiresAt", "the expiry must be in the future");
        }
        ProjectTarget? project = null;
        if (request.Project is { } projectKey)
        {
            if (role is ApiKeyScope.Admin or ApiKeyScope.Agent)
            {
                return Fail<CreatedKeyDto>(StatusCodes.Status400BadRequest, "project", $"an {EnumNames.ToText(role)} key belongs to no project: leave project out");
            }
            project = await access.ProjectOfKeyAsync(projectKey, cancellationToken);
            if (project is null)
            {
                return Fail<CreatedKeyDto>(StatusCodes.Status404NotFound, "project", $"there is no project '{projectKey}'");
            }
            if (await access.RoleInAsync(caller, project.ProjectId, cancellationToken) != ProjectRole.Owner)
            {
                return Fail<CreatedKeyDto>(StatusCodes.Status403Forbidden, "project", $"only owners of project '{projectKey}' and admins make its keys");
            }
        }
        else if (!caller.IsAdmin)
        {
            if (role is ApiKeyScope.Admin or ApiKeyScope.Agent)
            {
                return Fail<CreatedKeyDto>(StatusCodes.Status403Forbidden, "role", $"only admins make {EnumNames.ToText(role)} keys");
            }
            if (caller.Kind == CallerKind.Key && (caller.KeyProjectId is not null || AccessControl.RoleOfKey(caller.KeyRole) < AccessControl.RoleOfKey(role)))
            {
                return Fail<CreatedKeyDto>(StatusCodes.Status403Forbidden, "role", "a key can make keys for no project only with at most its own role, and only when it is bound to no project itself");
            }
        }
        var issued = issuer.NewKey(name, role, caller.UserId, project?.ProjectId, request.ExpiresAt);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.ApiKeys.Add(issued.Row);
            await db.SaveChangesAsync(cancellationToken);
        }
        var row = issued.Row;
        await audit.RecordAsync(caller.Label, AuditActions.KeyCreate, $"key {row.Prefix}", project?.ProjectKey,
            $"name '{name}', role {EnumNames.ToText(role)}" + (row.ExpiresAt is { } e ? $", expires {e:u}" : ""));
        return AccessResults.Ok(new CreatedKeyDto(row.Id, issued.Secret, row.Name, EnumNames.ToText(row.Scope),
            project?.ProjectKey, row.Prefix, row.CreatedAt, row.ExpiresAt));
    }

    /// <summary>The keys the caller may see and revoke, newest first; run tokens are not listed.</summary>
    public async Task<IReadOnlyList<KeyDto>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsPerson)
        {
            return [];
        }
        var owned = caller.IsAdmin ? null : await OwnedProjectsAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ApiKeys.AsNoTracking().Where(k => k.Scope != ApiKeyScope.Run);
        if (owned is not null)
        {
            // A signed-in user manages their own keys; a key only itself (a viewer key must not revoke its user's admin key).
            var self = caller.Kind == CallerKind.User ? null : caller.KeyId;
            var userId = caller.Kind == CallerKind.User ? caller.UserId : null;
            query = query.Where(k => (userId != null && k.UserId == userId) || (self != null && k.Id == self)
                || (k.ProjectId != null && owned.Contains(k.ProjectId.Value)));
        }
        return await query.OrderByDescending(k => k.Id)
            .Select(k => new KeyDto(k.Id, k.Name, EnumNames.ToText(k.Scope), k.Project == null ? null : k.Project.Key, k.Prefix,
                k.User == null ? null : k.User.Name, k.CreatedAt, k.LastUsedAt, k.ExpiresAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<AccessResult<KeyDto>> RevokeAsync(Caller caller, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var visible = (await ListAsync(caller, cancellationToken)).FirstOrDefault(k => k.Id == id);
        if (visible is null)
        {
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            return await check.ApiKeys.AnyAsync(k => k.Id == id, cancellationToken) && !(caller.IsAdmin)
                ? Fail<KeyDto>(StatusCodes.Status403Forbidden, "id", $"key {id} is not yours to revoke: only its user, its project's owners and admins may")
                : Fail<KeyDto>(StatusCodes.Status404NotFound, "id", $"there is no key {id}");
        }
        if (visible.RevokedAt is not null)
        {
            return AccessResults.Ok(visible);
        }
        var now = time.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now), cancellationToken);
        }
        resolver.Forget();
        await audit.RecordAsync(caller.Label, AuditActions.KeyRevoke, $"key {visible.Prefix}", visible.Project, $"name '{visible.Name}'");
        return AccessResults.Ok(visible with { RevokedAt = now });
    }

    private async Task<HashSet<long>> OwnedProjectsAsync(Caller caller, CancellationToken cancellationToken)
    {
        var owned = new HashSet<long>();
        var visible = await access.VisibleProjectsAsync(caller, cancellationToken);
        foreach (var projectId in visible ?? new HashSet<long>())
        {
            if (await access.RoleInAsync(caller, projectId, cancellationToken) == ProjectRole.Owner)
            {
                owned.Add(projectId);
            }
        }
        return owned;
    }

    private static AccessResult<T> Fail<T>(int status, string field, string error) => AccessResults.Fail<T>(status, field, error);
}
