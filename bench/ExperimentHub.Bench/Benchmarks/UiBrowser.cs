using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>Debian's Chromium driven by Playwright (STACK.md): Playwright never downloads a browser here.</summary>
internal static class UiBrowser
{
    public const string DefaultChromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(string chromiumPath)
    {
        if (!File.Exists(chromiumPath))
        {
            throw new InvalidOperationException(
                $"--chromium: no browser at {chromiumPath}; install Debian's chromium (apt-get install -y chromium) or pass its path.");
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromiumPath,
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
