using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Loads one page in a fresh browser context (an empty cache and no cookies, as a first visit) with the probe in
/// place, waits for the given marks, then for every chart to draw, and reads the probe.
/// </summary>
internal static class UiPageLoader
{
    /// <summary>A fresh context's settings: the viewport, and the signed-in cookie once <see cref="UiSignIn"/> has run.</summary>
    public static BrowserNewContextOptions ContextOptions { get; private set; } = new() { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } };

    public static void UseSignedInState(string storageState) =>
        ContextOptions = new BrowserNewContextOptions { ViewportSize = ContextOptions.ViewportSize, StorageState = storageState };

    public static async Task<UiLoadResult> LoadAsync(
        IBrowser browser, Uri url, IReadOnlyList<string> marks, bool waitForCharts, string? screenshotPath, TimeSpan timeout)
    {
        await using var context = await browser.NewContextAsync(ContextOptions);
        await context.AddInitScriptAsync(UiPageProbe.Script);
        var page = await context.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => errors.Enqueue("page: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Enqueue($"http {response.Status.ToString(CultureInfo.InvariantCulture)} {response.Url}");
            }
        };
        // The circuit's frames as the browser received them (ms from the navigation call, bytes): when the server's
        // render batches and chart payloads arrived, apart from how long the page then took with them.
        var clock = new Stopwatch();
        var framesIn = new ConcurrentQueue<(double Ms, int Bytes)>();
        long bytesOut = 0;
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => framesIn.Enqueue((clock.Elapsed.TotalMilliseconds, Size(frame)));
            socket.FrameSent += (_, frame) => Interlocked.Add(ref bytesOut, Size(frame));
        };

        clock.Start();
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = (float)timeout.TotalMilliseconds });
        var complete = true;
        try
        {
            await page.WaitForFunctionAsync(UiPageProbe.AllMarked, marks,
                new PageWaitForFunctionOptions { PollingInterval = 10, Timeout = (float)timeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            // A main thread blocked past the timeout also starves the wait's polling; the probe's marks still tell.
            complete = false;
        }
        var wall = complete ? clock.Elapsed.TotalMilliseconds : double.NaN;
        if (complete && waitForCharts)
        {
            try
            {
                await page.WaitForFunctionAsync(UiPageProbe.AllChartsDrawn, null,
                    new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = (float)timeout.TotalMilliseconds });
            }
            catch (TimeoutException)
            {
                // Reported through the charts' states below.
            }
        }
        var report = await UiPageProbe.ReadAsync(page);
        if (screenshotPath is not null)
        {
            await ScreenshotAsync(page, screenshotPath);
        }
        var missing = marks.Where(m => !report.Marks.ContainsKey(m)).ToList();
        var frames = framesIn.ToList();
        return new UiLoadResult(report, wall, missing.Count == 0, missing,
            new UiSocketTraffic(frames.Sum(f => (long)f.Bytes), Interlocked.Read(ref bytesOut), frames.Count,
                frames.Count == 0 ? 0 : frames.Max(f => f.Bytes), UiSocketTraffic.ShareArrivedMs(frames, 0.95)),
            errors.ToList());
    }

    /// <summary>
    /// The page as it first shows (the viewport: the app scrolls inside its layout's body, so a full-page capture is
    /// no more), then each chart's card and each data grid on its own, scrolled into view, as
    /// <c>NAME-KIND.png</c>; and the DOM as NAME.html, for what a picture does not show.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ScreenshotAsync(IPage page, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var written = new List<string> { path };
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        var stem = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        var kinds = await page.EvaluateAsync<string[]>("() => [...new Set([...document.querySelectorAll('[data-chart]')].map(c => c.getAttribute('data-chart')))]");
        foreach (var kind in kinds)
        {
            var card = page.Locator($"[data-chart='{kind}']").First.Locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' eh-card ')][1]");
            written.Add(await PartAsync(await card.CountAsync() > 0 ? card : page.Locator($"[data-chart='{kind}']").First, $"{stem}-{kind}.png"));
        }
        var grids = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid$=\"-grid\"]')].map(g => g.getAttribute('data-testid'))");
        foreach (var grid in grids)
        {
            written.Add(await PartAsync(page.Locator($"[data-testid='{grid}']").First, $"{stem}-{grid}.png"));
        }
        await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
        return written;
    }

    private static async Task<string> PartAsync(ILocator part, string path)
    {
        await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = path, Timeout = 60_000 });
        return path;
    }

    private static int Size(IWebSocketFrame frame) => frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? "");
}
