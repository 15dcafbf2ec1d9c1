using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// At each start: keeps the configured bootstrap key (<c>ExperimentHub:Bootstrap:AdminApiKey</c>, for automation and
/// tests; revoked again when the setting is removed), and once the server listens prints its URL and how to get in.
/// While no admin can sign in it prints a one-time link that creates the first admin, with a new secret every start;
/// it never prints a key or a password.
/// </summary>
internal sealed class FirstStartBootstrapper(
    IDbContextFactory<ExperimentHubDb> contexts,
    ApiKeyIssuer keys,
    ApiKeyResolver resolver,
    UserAccounts users,
    SetupTokens setup,
    TimeProvider time,
    IOptions<BootstrapOptions> bootstrap,
    IOptions<StoreOptions> store,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<FirstStartBootstrapper> logger) : IHostedService
{
    /// <summary>Where versions before 0.5 kept a generated admin key; such keys no longer work, so the file is removed.</summary>
    public const string OldKeyFileName = "admin-api-key";
    /// <summary>The user that owns the configured bootstrap key; it has no password until someone claims the name.</summary>
    public const string BootstrapUserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureBootstrapKeyAsync(cancellationToken);
        RemoveOldKeyFile();
        var setupSecret = await users.AnyAdminCanSignInAsync(cancellationToken) ? null : await setup.IssueAsync(cancellationToken);
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var urls = addresses.Count > 0 ? string.Join(", ", addresses) : "(no HTTP address: in-process host)";
            Console.WriteLine($"ExperimentHub is running at {urls}");
            if (setupSecret is null)
            {
                Console.WriteLine($"Sign in at {PageUrl(addresses, DashboardSignIn.SignInPath)}; make API keys on the dashboard's Keys page or with 'ehub keys create'.");
            }
            else
            {
                Console.WriteLine("No admin can sign in yet. Open this link once to create the first admin (it works once, for "
                    + $"{SetupTokens.Lifetime.TotalHours:0} hours, and a restart replaces it):");
                Console.WriteLine($"  {PageUrl(addresses, DashboardSignIn.SetupPath)}?token={setupSecret}");
            }
            if (bootstrap.Value.AdminApiKey is { Length: > 0 })
            {
                Console.WriteLine("ExperimentHub:Bootstrap:AdminApiKey is set: anyone who holds that text is an admin (meant for automation and tests).");
            }
            logger.LogInformation("ExperimentHub is running at {Urls}", urls);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A page on the first address, with a wildcard host made something a browser can open.</summary>
    internal static string PageUrl(ICollection<string> addresses, string path)
    {
        var first = addresses.FirstOrDefault();
        if (first is null)
        {
            return path;
        }
        var url = first.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return url.TrimEnd('/') + path;
    }

    private async Task EnsureBootstrapKeyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.ApiKeys.FirstOrDefaultAsync(k => k.PublicId == ApiKeyIssuer.BootstrapPublicId, cancellationToken);
        if (bootstrap.Value.AdminApiKey is not { Length: > 0 } configured)
        {
            if (existing is { RevokedAt: null })
            {
                existing.RevokedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("ExperimentHub:Bootstrap:AdminApiKey is no longer set: its key is revoked");
            }
            return;
        }
        var admin = await db.Users.FirstOrDefaultAsync(u => u.Name == BootstrapUserName, cancellationToken);
        if (admin is null)
        {
            admin = new User { Name = BootstrapUserName, IsAdmin = true, CreatedAt = time.GetUtcNow() };
            db.Users.Add(admin);
            await db.SaveChangesAsync(cancellationToken);
        }
        var hash = ApiKeyTokens.Hash(configured);
        // A key of the old format with the same text (stores from before 0.5) makes way for the bootstrap row.
        await db.ApiKeys.Where(k => k.Hash == hash && k.PublicId == null).ExecuteDeleteAsync(cancellationToken);
        if (existing is null)
        {
            db.ApiKeys.Add(keys.BootstrapRow(configured, admin.Id));
        }
        else
        {
            // The configured key always works as an admin key, even if it was revoked or its text changed.
            existing.Hash = hash;
            existing.Scope = ApiKeyScope.Admin;
            existing.RevokedAt = null;
            existing.UserId ??= admin.Id;
        }
        await db.SaveChangesAsync(cancellationToken);
        resolver.Forget();
    }

    private void RemoveOldKeyFile()
    {
        var file = Path.Combine(store.Value.DataDirectory, OldKeyFileName);
        if (File.Exists(file))
        {
            File.Delete(file);
            logger.LogWarning("Removed {File}: keys of that format no longer work; sign in and make a new key on the Keys page", file);
        }
    }
}
