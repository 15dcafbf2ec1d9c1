using System.Collections.Concurrent;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Finds the key behind a bearer token by its SHA-256. Valid keys are remembered for a short while, so that a
/// training script posting many batches costs one lookup, not one per request.
/// </summary>
public sealed class ApiKeyResolver(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyIdentity Identity, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<ApiKeyIdentity?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        var hash = ApiKeyTokens.Hash(token);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now)
        {
            return hit.Identity;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new ApiKeyIdentity(k.Id, k.Name, k.Scope, k.RunId, k.SweepId))
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            _cache.TryRemove(hash, out _);
            return null;
        }
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }
        _cache[hash] = (key, now + CacheFor);
        return key;
    }

    /// <summary>Forgets cached keys (after a key is revoked).</summary>
    public void Forget() => _cache.Clear();

    internal static bool IsAdmin(ApiKeyIdentity identity) => identity.Scope == ApiKeyScope.Admin;
}
