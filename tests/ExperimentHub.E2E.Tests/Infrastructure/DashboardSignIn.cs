using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Signs a browser in through the dashboard's own sign-in form, as a user made through the users API.</summary>
public static class DashboardSignIn
{
    /// <summary>The password of every user <see cref="EnsureUserAsync"/> makes.</summary>
    public const string Password = "e2e-password-0123";
    public const string AdminUser = "e2e-admin";

    public static async Task SignInAsync(IPage page, ServerProcess server, string returnUrl = "/projects", string userName = AdminUser, bool isAdmin = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(server);
        await EnsureUserAsync(server, userName, isAdmin);
        await page.GotoAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl, new PageWaitForURLOptions { Timeout = 30_000 });
    }

    /// <summary>Makes the user (with the server's bootstrap key) unless they exist.</summary>
    public static async Task EnsureUserAsync(ServerProcess server, string userName, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var admin = server.CreateAdminClient();
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { name = userName, password = Password, isAdmin });
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"Could not make user {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
