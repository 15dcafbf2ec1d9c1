using System.Security.Cryptography;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// The secret of the first-start link. Each start without an admin who can sign in makes a new one and voids the
/// earlier ones, so a secret printed once never works again after a restart; it is stored as its SHA-256 (256
/// random bits need no slower hash), used once and expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class SetupTokens(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A new secret; every earlier unused one stops working.</summary>
    public async Task<string> IssueAsync(CancellationToken cancellationToken)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SetupTokens.Where(t => t.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), cancellationToken);
        db.SetupTokens.Add(new SetupToken { Hash = ApiKeyTokens.Hash(secret), CreatedAt = now, ExpiresAt = now + Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>Whether the secret is current: issued, unused and unexpired.</summary>
    public async Task<bool> IsValidAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }
        var hash = ApiKeyTokens.Hash(secret);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SetupTokens.AnyAsync(t => t.Hash == hash && t.UsedAt == null && t.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Uses the secret up; false when it was not current (or another request used it first).</summary>
    public async Task<bool> ConsumeAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }
        var hash = ApiKeyTokens.Hash(secret);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SetupTokens.Where(t => t.Hash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), cancellationToken) == 1;
    }
}
