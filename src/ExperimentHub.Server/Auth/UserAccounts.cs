using System.Text.RegularExpressions;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Users and their passwords, hashed by ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a salt per
/// password). One DbContext per call.
/// </summary>
public sealed partial class UserAccounts(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time)
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 200;
    public const int MaxNameLength = 64;

    private readonly PasswordHasher<User> _hasher = new();

    /// <summary>The problems of a new user's name and password, by field; empty when both are acceptable.</summary>
    public static Dictionary<string, string> Validate(string? name, string? password)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            errors["name"] = $"a user name has 1 to {MaxNameLength} letters, digits, '.', '_' or '-'";
        }
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            errors["password"] = $"a password has {MinPasswordLength} to {MaxPasswordLength} characters";
        }
        return errors;
    }

    /// <summary>
    /// Creates the user, or gives a password to one that has none yet (the bootstrap key's owner, or a store from before
    /// passwords); null when a user of that name can sign in already.
    /// </summary>
    public async Task<User?> CreateAsync(string name, string password, bool isAdmin, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        if (user is { PasswordHash: not null })
        {
            return null;
        }
        if (user is null)
        {
            user = new User { Name = name, CreatedAt = time.GetUtcNow() };
            db.Users.Add(user);
        }
        user.IsAdmin = isAdmin;
        user.PasswordHash = _hasher.HashPassword(user, password);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return null; // another request created the same name meanwhile
        }
        return user;
    }

    /// <summary>The user when the name and password match; null otherwise (the same answer for an unknown name).</summary>
    public async Task<User?> VerifyAsync(string name, string password, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        if (user?.PasswordHash is not { } hash)
        {
            // Hash anyway, so that an unknown name takes as long as a wrong password.
            _hasher.VerifyHashedPassword(new User { Name = name }, DummyHash, password);
            return null;
        }
        var result = _hasher.VerifyHashedPassword(user, hash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = _hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }
        return user;
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken);
    }

    public async Task<User?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
    }

    /// <summary>Whether some admin can sign in; until one can, each start prints a link that creates one.</summary>
    public async Task<bool> AnyAdminCanSignInAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.IsAdmin && u.PasswordHash != null, cancellationToken);
    }

    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User { Name = "-" }, "not a password of anyone");

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
