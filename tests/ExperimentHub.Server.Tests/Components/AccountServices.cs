using Bunit;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>
/// The real accounts, keys, project roles, first-start link and audit log over the context's test store (made by
/// <see cref="ComponentTests.Create"/>), for the pages that change them: their tests read back what was stored.
/// </summary>
internal static class AccountServices
{
    public static BunitContext AddAccounts(this BunitContext ctx)
    {
        ctx.Services.AddSingleton<IDbContextFactory<ExperimentHubDb>>(sp => sp.GetRequiredService<TestStore>().Contexts);
        ctx.Services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        ctx.Services.AddSingleton<ApiKeyIssuer>();
        ctx.Services.AddSingleton<ApiKeyResolver>();
        ctx.Services.AddSingleton<AccessControl>();
        ctx.Services.AddSingleton<UserAccounts>();
        ctx.Services.AddSingleton<ProjectMembers>();
        ctx.Services.AddSingleton<KeyManager>();
        ctx.Services.AddSingleton<SetupTokens>();
        ctx.Services.AddSingleton<AuditLog>();
        return ctx;
    }

    /// <summary>The signed-in admin of <see cref="AdminDashboardAccess"/> (user id 1) as a stored user: keys they make belong to them.</summary>
    public static async Task<long> AddAdminUserAsync(this BunitContext ctx)
    {
        var admin = await ctx.Services.GetRequiredService<UserAccounts>().CreateAsync("admin", "admin password 1", isAdmin: true, CancellationToken.None);
        Assert.Equal(1, admin?.Id);
        return admin!.Id;
    }

    /// <summary>A project straight into the store.</summary>
    public static async Task AddProjectAsync(this BunitContext ctx, string key)
    {
        await using var db = await ctx.Services.GetRequiredService<TestStore>().Contexts.CreateDbContextAsync();
        db.Projects.Add(new ExperimentHub.Server.Data.Entities.Project { Key = key, Name = key, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }
}
