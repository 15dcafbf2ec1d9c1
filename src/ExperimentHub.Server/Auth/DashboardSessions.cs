using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Checks a pasted key for sign-in, and on each request that the key behind a cookie is still valid. The answer is
/// remembered for a few seconds so that a page's static files do not each cost a query; <see cref="Forget"/> after
/// revoking a key ends its sessions at once.
/// </summary>
public sealed class DashboardSessions(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<long, (bool Active, DateTimeOffset Until)> _cache = new();

    /// <summary>The key's user when <paramref name="key"/> is a valid, unrevoked key; null otherwise.</summary>
    public async Task<DashboardUser?> FindAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = ApiKeyTokens.Hash(key.Trim());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new DashboardUser(k.Id, k.Name, k.Prefix, k.Scope))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> IsActiveAsync(long keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(keyId, out var hit) && hit.Until > now)
        {
            return hit.Active;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await db.ApiKeys.AsNoTracking()
            .AnyAsync(k => k.Id == keyId && k.RevokedAt == null && k.Scope == ApiKeyScope.Admin, cancellationToken);
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }
        _cache[keyId] = (active, now + CacheFor);
        return active;
    }

    /// <summary>Forgets remembered answers (after a key is revoked).</summary>
    public void Forget() => _cache.Clear();

    /// <summary>The cookie's principal: the key's id, name, prefix and scope.</summary>
    public static ClaimsPrincipal CreatePrincipal(DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new(ClaimTypes.Name, user.Name),
            new(ApiKeyClaims.KeyId, user.KeyId.ToString(CultureInfo.InvariantCulture)),
            new(ApiKeyClaims.Scope, EnumNames.ToText(user.Scope)),
            new(DashboardSignIn.KeyPrefixClaim, user.Prefix),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, DashboardSignIn.CookieScheme));
    }

    /// <summary>The key id in a cookie's principal, or null when it carries none.</summary>
    public static long? KeyIdOf(ClaimsPrincipal? user) =>
        long.TryParse(user?.FindFirst(ApiKeyClaims.KeyId)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
