using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright; Playwright never downloads a browser here (STACK.md). The ui benchmark
/// compiles this same file, so tests and bench drive the browser one way.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Launches Chromium from <paramref name="path"/>, else EXPERIMENTHUB_CHROMIUM, else Debian's.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("EXPERIMENTHUB_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {path}. Install Debian's chromium (./eng/test.sh does), set EXPERIMENTHUB_CHROMIUM or give its path.");
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
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
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
