using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Signs a browser in through the dashboard's own sign-in form.</summary>
public static class DashboardSignIn
{
    public static async Task SignInAsync(IPage page, string apiKey, string returnUrl = "/projects")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("#apiKey", apiKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl, new PageWaitForURLOptions { Timeout = 30_000 });
    }
}
