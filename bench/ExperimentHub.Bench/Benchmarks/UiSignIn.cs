using System.Net.Http.Json;
using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Makes a bench admin through the users API (with the bootstrap key), signs in once through the dashboard's own form
/// and keeps the cookie: every measured load then starts as a returning, signed-in user with an empty cache, so
/// sign-in itself is not part of the page times.
/// </summary>
internal static class UiSignIn
{
    private const string UserName = "bench-admin";
    private const string Password = "bench-password-0123";

    public static async Task<string> StorageStateAsync(IBrowser browser, Uri baseUri, string apiKey)
    {
        using (var admin = new HttpClient { BaseAddress = baseUri })
        {
            admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
            using var response = await admin.PostAsJsonAsync("/api/v1/users", new { name = UserName, password = Password, isAdmin = true });
            if (response.StatusCode is not (System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict))
            {
                throw new InvalidOperationException($"Could not make the bench user: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin?returnUrl=%2Fprojects");
        await page.FillAsync("#userName", UserName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/projects", new PageWaitForURLOptions { Timeout = 60_000 });
        return await context.StorageStateAsync();
    }
}
