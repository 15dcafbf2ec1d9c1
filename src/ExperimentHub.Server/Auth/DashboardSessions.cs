using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// The dashboard's cookie: whom it names, and on each request whether that user still exists with the same admin flag.
/// The answer is remembered for a few seconds so that a page's static files do not each cost a query.
/// </summary>
public sealed class DashboardSessions(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<long, (bool? IsAdmin, DateTimeOffset Until)> _cache = new();

    /// <summary>Whether the user can still sign in and is (or is not) an admin as the cookie says.</summary>
    public async Task<bool> IsCurrentAsync(long userId, bool isAdmin, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(userId, out var hit) || hit.Until <= now)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var admin = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.PasswordHash != null)
                .Select(u => (bool?)u.IsAdmin).FirstOrDefaultAsync(cancellationToken);
            if (_cache.Count >= MaxCached)
            {
                _cache.Clear();
            }
            hit = (admin, now + CacheFor);
            _cache[userId] = hit;
        }
        return hit.IsAdmin == isAdmin;
    }

    /// <summary>Forgets remembered answers (after a user changes).</summary>
    public void Forget() => _cache.Clear();

    /// <summary>The cookie's principal: the user's id, name and whether they are an admin; never a password or key.</summary>
    public static ClaimsPrincipal CreatePrincipal(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new(ClaimTypes.Name, user.Name),
            new(ApiKeyClaims.UserId, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ApiKeyClaims.Scope, user.IsAdmin ? "admin" : ApiKeyClaims.UserScope),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, DashboardSignIn.CookieScheme));
    }
}
