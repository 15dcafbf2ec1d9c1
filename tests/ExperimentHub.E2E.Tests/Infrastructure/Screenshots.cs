using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Whole-page screenshots under the test output (TestResults/screenshots), one per page visited.</summary>
public static class Screenshots
{
    public static string Directory { get; } = RepoPaths.TestOutput("screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        // The layout scrolls inside its body, not the document: grow the viewport to the content for the picture.
        var viewport = page.ViewportSize;
        var height = await page.EvaluateAsync<int>(
            "() => Math.max(document.documentElement.scrollHeight, ...[...document.querySelectorAll('.mud-main-content')].map(b => b.scrollHeight + b.getBoundingClientRect().top))");
        if (viewport is not null && height > viewport.Height)
        {
            await page.SetViewportSizeAsync(viewport.Width, Math.Min(height + 20, 6000));
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (viewport is not null && height > viewport.Height)
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }
        return path;
    }
}
