using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Loads one page in a fresh browser context (an empty cache and no cookies, as a first visit) with the probe in
/// place, waits for the given marks, then for every chart to draw, and reads the probe.
/// </summary>
internal static class UiPageLoader
{
    public static readonly BrowserNewContextOptions ContextOptions = new() { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } };

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
        long bytesIn = 0, bytesOut = 0;
        var framesIn = 0;
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) =>
            {
                Interlocked.Add(ref bytesIn, frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? ""));
                Interlocked.Increment(ref framesIn);
            };
            socket.FrameSent += (_, frame) => Interlocked.Add(ref bytesOut, frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        };

        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = (float)timeout.TotalMilliseconds });
        var complete = true;
        try
        {
            await page.WaitForFunctionAsync(UiPageProbe.AllMarked, marks,
                new PageWaitForFunctionOptions { PollingInterval = 10, Timeout = (float)timeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            complete = false;
        }
        var wall = clock.Elapsed.TotalMilliseconds;
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
            Directory.CreateDirectory(Path.GetDirectoryName(screenshotPath)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshotPath, FullPage = true });
        }
        var missing = marks.Where(m => !report.Marks.ContainsKey(m)).ToList();
        return new UiLoadResult(report, wall, complete && missing.Count == 0, missing,
            Interlocked.Read(ref bytesIn), Interlocked.Read(ref bytesOut), framesIn, errors.ToList());
    }
}
