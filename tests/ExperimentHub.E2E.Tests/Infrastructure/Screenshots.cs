using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Full-page screenshots under the test output (TestResults/screenshots), one per page visited.</summary>
public static class Screenshots
{
    public static string Directory { get; } = RepoPaths.TestOutput("screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
