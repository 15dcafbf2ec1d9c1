using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Makes sure an admin key exists: the configured <c>Bootstrap:AdminApiKey</c>, or on a fresh store a generated one
/// kept in <c>{DataDir}/admin-api-key</c> (owner-only), and prints the URL and how to sign in once the server listens.
/// </summary>
internal sealed class AdminKeyBootstrapper(
    IDbContextFactory<ExperimentHubDb> contexts,
    ApiKeyIssuer keys,
    TimeProvider time,
    IOptions<BootstrapOptions> bootstrap,
    IOptions<StoreOptions> store,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<AdminKeyBootstrapper> logger) : IHostedService
{
    public const string KeyFileName = "admin-api-key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var signIn = await EnsureAdminKeyAsync(cancellationToken);
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (addresses.Count == 0)
            {
                // An in-process host (the tests' TestServer) has no address to open and nobody at a console to sign in.
                logger.LogInformation("ExperimentHub is running in process, with no HTTP address");
                return;
            }
            var urls = string.Join(", ", addresses);
            if (bootstrap.Value.AdminApiKey is { Length: > 0 })
            {
                // Automation (tests, deployments) set the key and know it: one log line, no banner for a person.
                logger.LogInformation("ExperimentHub is running at {Urls}; the admin API key is the configured one", urls);
                return;
            }
            Console.WriteLine($"ExperimentHub is running at {urls}");
            Console.WriteLine($"To sign in: open {SignInUrl(addresses)} and paste the admin API key below.");
            Console.WriteLine(signIn);
            logger.LogInformation("ExperimentHub is running at {Urls}", urls);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The sign-in page on the first address, with a wildcard host made something a browser can open.</summary>
    internal static string SignInUrl(ICollection<string> addresses)
    {
        var first = addresses.FirstOrDefault();
        if (first is null)
        {
            return DashboardSignIn.SignInPath;
        }
        var url = first.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return url.TrimEnd('/') + DashboardSignIn.SignInPath;
    }

    private async Task<string> EnsureAdminKeyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var admin = await db.Users.FirstOrDefaultAsync(u => u.Name == "admin", cancellationToken);
        if (admin is null)
        {
            admin = new User { Name = "admin", IsAdmin = true, CreatedAt = time.GetUtcNow() };
            db.Users.Add(admin);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (bootstrap.Value.AdminApiKey is { Length: > 0 } configured)
        {
            await EnsureKeyAsync(db, admin, configured, "bootstrap", cancellationToken);
            return $"Admin API key: the one in ExperimentHub:Bootstrap:AdminApiKey ({ApiKeyTokens.DisplayPrefix(configured)}...); the API and CLI take it as 'Authorization: Bearer <key>' or EXPERIMENTHUB_API_KEY.";
        }

        var file = Path.Combine(store.Value.DataDirectory, KeyFileName);
        if (File.Exists(file))
        {
            var saved = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
            if (saved.Length > 0)
            {
                await EnsureKeyAsync(db, admin, saved, "generated", cancellationToken);
                return $"Admin API key (from {file}): {saved}";
            }
        }
        if (await db.ApiKeys.AnyAsync(k => k.Scope == ApiKeyScope.Admin && k.RevokedAt == null, cancellationToken))
        {
            return "Admin API key: keys exist already; set ExperimentHub:Bootstrap:AdminApiKey to add one you know.";
        }

        var generated = keys.NewAdminKey("generated", admin.Id);
        await WriteOwnerOnlyAsync(file, generated.Secret, cancellationToken);
        db.ApiKeys.Add(generated.Row);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Generated an admin API key, kept in {File}", file);
        return $"Admin API key (generated, kept in {file}): {generated.Secret}";
    }

    private async Task EnsureKeyAsync(ExperimentHubDb db, User admin, string key, string name, CancellationToken cancellationToken)
    {
        var hash = ApiKeyTokens.Hash(key);
        var existing = await db.ApiKeys.FirstOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        if (existing is not null)
        {
            // A configured key always works, even if it was revoked or turned into something else.
            existing.Scope = ApiKeyScope.Admin;
            existing.RevokedAt = null;
            existing.RunId = null;
            existing.UserId = admin.Id;
        }
        else
        {
            db.ApiKeys.Add(keys.AdminRow(key, name, admin.Id));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task WriteOwnerOnlyAsync(string file, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var stream = new FileStream(file, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteLineAsync(text.AsMemory(), cancellationToken);
    }
}
