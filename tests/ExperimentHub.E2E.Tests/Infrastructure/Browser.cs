using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright; Playwright never downloads a browser here (STACK.md).</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("EXPERIMENTHUB_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {path}. Install Debian's chromium (./eng/test.sh does) or set EXPERIMENTHUB_CHROMIUM.");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
        return (playwright, browser);
    }
}
