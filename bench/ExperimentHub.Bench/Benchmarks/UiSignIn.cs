using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Signs in once through the dashboard's own form and keeps the cookie: every measured load then starts as a
/// returning, signed-in user with an empty cache, so sign-in itself is not part of the page times.
/// </summary>
internal static class UiSignIn
{
    public static async Task<string> StorageStateAsync(IBrowser browser, Uri baseUri, string apiKey)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin?returnUrl=%2Fprojects");
        await page.FillAsync("#apiKey", apiKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/projects", new PageWaitForURLOptions { Timeout = 60_000 });
        return await context.StorageStateAsync();
    }
}
