using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// A run page open in Chromium while metric points are posted through the API, one at a time: the time from the
/// POST until the point is in the page's plotly chart (its trace's x values hold the new step).
/// </summary>
internal static class UiLiveLatency
{
    private const string Metric = "loss";

    // The chart of the metric on the run page, and whether its drawn trace has the step. The plotly element is the
    // chart's own (Plotly.Blazor) or the chart element itself (the canvas-era line module), so a build from before
    // the Plotly.Blazor move is measured the same way.
    private const string HasStep = """
        step => {
          const host = document.querySelector('[data-metric="loss"] [data-chart]');
          const chart = host && (host.classList.contains('js-plotly-plot') ? host : host.querySelector('.js-plotly-plot'));
          const trace = chart && chart.data && chart.data[0];
          return !!trace && Array.prototype.indexOf.call(trace.x, step) >= 0;
        }
        """;

    public static async Task<UiLiveResult> MeasureAsync(
        IBrowser browser, HttpClient api, Uri baseUri, string projectKey, int samples, string screenshotPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long runId;
        using (var created = await api.PostAsJsonAsync($"api/v1/projects/{projectKey}/runs",
            new { name = "live-latency", @params = new { lr = 0.01, layers = 4 } }, cancellationToken))
        {
            await UiApi.EnsureAsync(created, "create the live-latency run", cancellationToken);
            using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken));
            runId = doc.RootElement.GetProperty("id").GetInt64();
        }
        var history = Enumerable.Range(1, 50).Select(s => new { key = Metric, value = 2.0 / s, step = (long)s }).ToArray();
        using (var posted = await api.PostAsJsonAsync($"api/v1/runs/{runId}/metrics", new { points = history }, cancellationToken))
        {
            await UiApi.EnsureAsync(posted, "post the live-latency run's first points", cancellationToken);
        }

        var runUrl = new Uri(baseUri, $"runs/{runId}");
        await using var context = await browser.NewContextAsync(UiPageLoader.ContextOptions);
        await context.AddInitScriptAsync(UiPageProbe.Script);
        var page = await context.NewPageAsync();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(runUrl.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var complete = true;
        try
        {
            await page.WaitForFunctionAsync(UiPageProbe.AllMarked, new[] { "content", "chart_line" },
                new PageWaitForFunctionOptions { PollingInterval = 10, Timeout = (float)timeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            complete = false;
        }
        var pageLoad = new UiLoadResult(await UiPageProbe.ReadAsync(page), clock.Elapsed.TotalMilliseconds, complete,
            complete ? [] : ["content or chart_line"], UiSocketTraffic.None, []);
        if (!complete)
        {
            return new UiLiveResult(runId, [], [], samples, history.Length, await SeriesPointsAsync(api, runId, cancellationToken), pageLoad);
        }

        var visible = new List<double>();
        var post = new List<double>();
        var missed = 0;
        for (var i = 1; i <= samples; i++)
        {
            var step = 1000L + i;
            clock.Restart();
            using (var response = await api.PostAsJsonAsync($"api/v1/runs/{runId}/metrics",
                new { points = new[] { new { key = Metric, value = 1.0 / (i + 1), step } } }, cancellationToken))
            {
                await UiApi.EnsureAsync(response, "post a live metric point", cancellationToken);
            }
            post.Add(clock.Elapsed.TotalMilliseconds);
            try
            {
                await page.WaitForFunctionAsync(HasStep, step,
                    new PageWaitForFunctionOptions { PollingInterval = 5, Timeout = (float)timeout.TotalMilliseconds });
                visible.Add(clock.Elapsed.TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                missed++;
            }
        }
        await UiPageLoader.ScreenshotAsync(page, screenshotPath);
        return new UiLiveResult(runId, visible, post, missed, history.Length + samples, await SeriesPointsAsync(api, runId, cancellationToken), pageLoad);
    }

    /// <summary>How many points the series API returns for the run's metric with room for all of them.</summary>
    private static async Task<int> SeriesPointsAsync(HttpClient api, long runId, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync($"api/v1/runs/{runId}/metrics/{Metric}?maxPoints=1000", cancellationToken);
        await UiApi.EnsureAsync(response, "read the live-latency run's series", cancellationToken);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return doc.RootElement.GetProperty("points").GetArrayLength();
    }
}
