using System.Collections.Concurrent;
using System.Globalization;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Finds the key behind a bearer token by its public id and checks its secret, expiry, revocation and (for run tokens)
/// that the run has not ended. Valid keys are remembered for a short while, so that a training script posting many
/// batches costs one lookup, not one per request; the last-used time is written on those lookups only, so at most
/// once per key and <see cref="LastUsedResolution"/>.
/// </summary>
public sealed class ApiKeyResolver(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time)
{
    public const string InvalidKey = "the API key is not valid";
    public const string OldFormatKey =
        "this API key has the format of keys made before ExperimentHub 0.5 (no public id), which is no longer accepted: " +
        "create a new key on the dashboard's Keys page or with 'ehub keys create'";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    // A run token stops working when its run ends; finishing over the API forgets it at once, other ends within this.
    private static readonly TimeSpan CacheRunTokensFor = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyIdentity Identity, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<KeyCheck> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var cacheKey = ApiKeyTokens.Hash(token);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(cacheKey, out var hit) && hit.Until > now)
        {
            return hit.Identity.ExpiresAt is { } expiry && expiry <= now ? KeyCheck.Refused(Expired(hit.Identity)) : KeyCheck.Valid(hit.Identity);
        }
        var check = await LookUpAsync(token, now, cancellationToken);
        if (check.Identity is not { } identity)
        {
            _cache.TryRemove(cacheKey, out _);
            return check;
        }
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }
        _cache[cacheKey] = (identity, now + (identity.Scope == ApiKeyScope.Run ? CacheRunTokensFor : CacheFor));
        return check;
    }

    /// <summary>Forgets cached keys (after a key is revoked or a run ends).</summary>
    public void Forget() => _cache.Clear();

    /// <summary>Forgets the cached token of one run (after its trial ended).</summary>
    public void ForgetRun(long runId)
    {
        foreach (var (key, entry) in _cache)
        {
            if (entry.Identity.RunId == runId)
            {
                _cache.TryRemove(key, out _);
            }
        }
    }

    private async Task<KeyCheck> LookUpAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!ApiKeyTokens.TryParse(token, out var publicId, out var secret))
        {
            return await LookUpWholeTextAsync(db, token, cancellationToken);
        }
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.PublicId == publicId)
            .Select(k => new
            {
                k.Id, k.Name, k.Prefix, k.Hash, k.Scope, k.UserId, k.ProjectId, k.RunId, k.ExpiresAt, k.RevokedAt, k.LastUsedAt,
                RunStatus = k.Run == null ? (RunStatus?)null : k.Run.Status,
                SweepId = k.SweepId ?? (k.Run == null ? null : k.Run.SweepId),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || !ApiKeyTokens.Matches(secret, row.Hash))
        {
            return KeyCheck.Refused(InvalidKey);
        }
        var identity = new ApiKeyIdentity(row.Id, row.Name, row.Prefix, row.Scope, row.UserId, row.ProjectId, row.RunId, row.SweepId, row.ExpiresAt);
        if (row.RevokedAt is { } revoked)
        {
            return KeyCheck.Refused($"the API key {row.Prefix} was revoked at {revoked.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}; ask for a new one");
        }
        if (row.ExpiresAt is { } expiry && expiry <= now)
        {
            return KeyCheck.Refused(Expired(identity));
        }
        if (row.Scope == ApiKeyScope.Run && row.RunStatus is not { } _)
        {
            return KeyCheck.Refused($"run {row.RunId} no longer exists, so its token no longer works");
        }
        if (row.Scope == ApiKeyScope.Run && row.RunStatus is { } status && !RunLifecycle.Active.Contains(status))
        {
            var ended = EnumNames.ToText(status);
            return KeyCheck.Refused($"run {row.RunId} has ended ({ended}), so its token no longer works") with { EndedRunStatus = ended };
        }
        if (row.Scope != ApiKeyScope.Run && (row.LastUsedAt is not { } last || now - last >= LastUsedResolution))
        {
            // Run tokens are many, short-lived and hot: their use is their run's metrics.
            await db.ApiKeys.Where(k => k.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }
        return KeyCheck.Valid(identity);
    }

    /// <summary>Text that is not <c>ehk_&lt;id&gt;_&lt;secret&gt;</c>: the configured bootstrap key, or a key of the old format.</summary>
    private static async Task<KeyCheck> LookUpWholeTextAsync(ExperimentHubDb db, string token, CancellationToken cancellationToken)
    {
        var hash = ApiKeyTokens.Hash(token);
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && (k.PublicId == null || k.PublicId == ApiKeyIssuer.BootstrapPublicId))
            .Select(k => new { k.Id, k.Name, k.Prefix, k.Scope, k.UserId, k.PublicId, k.RevokedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || (row.PublicId == ApiKeyIssuer.BootstrapPublicId && row.RevokedAt is not null))
        {
            return KeyCheck.Refused(InvalidKey);
        }
        return row.PublicId == ApiKeyIssuer.BootstrapPublicId
            ? KeyCheck.Valid(new ApiKeyIdentity(row.Id, row.Name, row.Prefix, row.Scope, row.UserId, null, null, null, null))
            : KeyCheck.Refused(OldFormatKey);
    }

    private static string Expired(ApiKeyIdentity identity) =>
        $"the API key {identity.Prefix} expired at {identity.ExpiresAt!.Value.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}; ask for a new one";
}
