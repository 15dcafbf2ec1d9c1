using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The dashboard in Chromium against the real server (a child process): a sweep of 10,000 finished trials with two
/// objectives, seeded into the server's SQLite file, is loaded in fresh browser contexts until its trials table has
/// rows and every one of its charts has drawn (median of the loads, with the projects page as the baseline of a
/// trivial page in the same run). Each load also prints where its time went: the circuit's first render, the page's
/// content (server queries and render), rows, each chart, long tasks, and the circuit's WebSocket bytes. Then sorting
/// the table and brushing an axis are timed on the loaded page, and metric points posted to the API are timed until
/// they show on an open run page. Screenshots go to artifacts/ui-bench/.
/// Options: --trials N (10000), --loads N (5), --live N (10), --server-dir DIR, --chromium PATH, --out DIR,
/// --timeout-s N (120).
/// </summary>
internal sealed class UiBenchmark : IBenchmark
{
    private const string ProjectKey = "uibench";
    private static readonly string[] ChartKinds = ["best-so-far", "pareto", "parcoords", "heatmap", "importance"];
    private static readonly string[] SweepReady = ["rows", .. ChartKinds.Select(k => "chart_" + k)];
    private static readonly string[] BaselineReady = ["rows"];

    public string Name => "ui";

    public string Description => "Sweep page with 10,000 trials in Chromium until table and charts show (target < 2 s); live metric latency on a run page (< 1 s)";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var trials = UiStats.IntOption(args, "--trials", 10_000, 1);
        var loads = UiStats.IntOption(args, "--loads", 5, 1);
        var liveSamples = UiStats.IntOption(args, "--live", 10, 1);
        var timeout = TimeSpan.FromSeconds(UiStats.IntOption(args, "--timeout-s", 120, 1));
        var serverDir = UiStats.StringOption(args, "--server-dir", null) ?? UiServerProcess.DefaultServerDirectory();
        var chromium = UiStats.StringOption(args, "--chromium", null);
        var outDir = Path.GetFullPath(UiStats.StringOption(args, "--out", null) ?? Path.Combine(UiPaths.RepositoryRoot, "artifacts", "ui-bench"));

        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await using var server = await UiServerProcess.StartAsync(serverDir, cancellationToken);
        Print($"phase=server start_ms={UiStats.Ms(clock.Elapsed.TotalMilliseconds)} url={server.BaseUri} server_dir={serverDir}");
        using var api = server.CreateAdminClient();
        using (var project = await api.PostAsJsonAsync("api/v1/projects", new { key = ProjectKey, name = "UI bench" }, cancellationToken))
        {
            await UiApi.EnsureAsync(project, $"create the project '{ProjectKey}'", cancellationToken);
        }

        var seed = await UiSweepSeeder.SeedAsync(server.DataDir, ProjectKey, trials, cancellationToken);
        Print($"phase=seed sweep={seed.SweepId} trials={seed.Trials} points={seed.Points} infeasible={seed.Infeasible} seconds={UiStats.Fixed(seed.Elapsed.TotalSeconds, 2)}");
        await VerifyAsync(api, seed, cancellationToken);

        var (sweepMs, trialsMs, trialRows) = await UiQueryTimer.MeasureAsync(server.DataDir, seed.SweepId, 5, cancellationToken);
        Print($"phase=queries get_sweep_ms={UiStats.Fixed(sweepMs, 1)} get_trials_ms={UiStats.Fixed(trialsMs, 1)} trials={trialRows}");

        var (playwright, browser) = await E2E.Tests.Infrastructure.Browser.LaunchAsync(chromium);
        try
        {
            await using (browser)
            {
                UiPageLoader.UseSignedInState(await UiSignIn.StorageStateAsync(browser, server.BaseUri, server.AdminKey));
                var healthz = await HealthzAsync(browser, new Uri(server.BaseUri, "healthz"), loads);
                Print($"phase=healthz loads={loads} median_ms={UiStats.Fixed(UiStats.Median(healthz), 1)}");

                var projectsUrl = new Uri(server.BaseUri, "projects");
                await UiPageLoader.LoadAsync(browser, projectsUrl, BaselineReady, waitForCharts: false, null, timeout);
                var baseline = new List<UiLoadResult>();
                for (var i = 1; i <= loads; i++)
                {
                    var load = await UiPageLoader.LoadAsync(browser, projectsUrl, BaselineReady, waitForCharts: false, null, timeout);
                    baseline.Add(load);
                    Print($"phase=baseline page=projects load={i} ready_ms={UiStats.Ms(load.ReadyMs(BaselineReady))} wall_ms={UiStats.Ms(load.WallMs)} " +
                        $"circuit_ms={UiStats.Ms(load.Report.Mark("circuit"))} errors={load.Errors.Count}");
                }
                var baselineMs = UiStats.Median(baseline.Select(l => l.ReadyMs(BaselineReady)));

                var sweepUrl = new Uri(server.BaseUri, $"sweeps/{seed.SweepId}");
                var screenshot = Path.Combine(outDir, $"sweep-{Thousands(trials)}.png");
                var warmup = await UiPageLoader.LoadAsync(browser, sweepUrl, SweepReady, waitForCharts: true, null, timeout);
                PrintSweepLoad("warmup", warmup);
                var sweep = new List<UiLoadResult>();
                for (var i = 1; i <= loads; i++)
                {
                    var load = await UiPageLoader.LoadAsync(browser, sweepUrl, SweepReady, waitForCharts: true, i == loads ? screenshot : null, timeout);
                    sweep.Add(load);
                    PrintSweepLoad(i.ToString(CultureInfo.InvariantCulture), load);
                }
                PrintBreakdown(sweep);
                foreach (var error in sweep.Concat([warmup]).SelectMany(l => l.Errors).Distinct(StringComparer.Ordinal).Take(5))
                {
                    Print($"phase=page_error text={Quote(error)}");
                }

                Print(await UiInteractions.MeasureAsync(browser, sweepUrl, "accuracy", loads, timeout));

                var runShot = Path.Combine(outDir, "run-live.png");
                var live = await UiLiveLatency.MeasureAsync(browser, api, server.BaseUri, ProjectKey, liveSamples, runShot, timeout, cancellationToken);
                Print($"phase=live run={live.RunId} page_ready_ms={UiStats.Ms(live.PageLoad.ReadyMs(["content", "chart_line"]))} samples={live.VisibleMs.Count} missed={live.Missed} " +
                    $"median_ms={UiStats.Fixed(UiStats.Median(live.VisibleMs), 1)} p90_ms={UiStats.Fixed(UiStats.Percentile(live.VisibleMs, 0.9), 1)} " +
                    $"max_ms={UiStats.Fixed(live.VisibleMs.DefaultIfEmpty(double.NaN).Max(), 1)} post_median_ms={UiStats.Fixed(UiStats.Median(live.PostMs), 1)} " +
                    $"posted_points={live.PostedPoints} api_series_points={live.ApiSeriesPoints}");
                var shots = Directory.GetFiles(outDir, "*.png").Where(f => File.GetLastWriteTimeUtc(f) >= started).Select(Path.GetFileName).Order(StringComparer.Ordinal);
                Print($"phase=screenshots dir={outDir} files={string.Join(',', shots)}");

                var sweepMedian = UiStats.Median(sweep.Select(l => l.ReadyMs(SweepReady)));
                var failed = sweep.Count(l => !l.Complete);
                Print($"trials={trials} objectives=2 loads={loads} failed_loads={failed} sweep_ready_median_ms={UiStats.Ms(sweepMedian)} " +
                    $"sweep_all_charts_median_ms={UiStats.Ms(UiStats.Median(sweep.Select(AllChartsMs)))} " +
                    $"content_median_ms={UiStats.Ms(UiStats.Median(sweep.Select(l => l.Report.Mark("content"))))} " +
                    $"rows_median_ms={UiStats.Ms(UiStats.Median(sweep.Select(l => l.Report.Mark("rows"))))} " +
                    $"loads_with_reconnect={sweep.Concat([warmup]).Count(l => l.Report.Marks.ContainsKey("reconnect_show"))} " +
                    $"baseline_projects_median_ms={UiStats.Ms(baselineMs)} ratio={UiStats.Fixed(sweepMedian / baselineMs, 2)} target_ms=2000 " +
                    $"live_median_ms={UiStats.Fixed(UiStats.Median(live.VisibleMs), 1)} live_missed={live.Missed} live_target_ms=1000");
            }
        }
        finally
        {
            playwright.Dispose();
        }
    }

    /// <summary>The public API must read the seeded sweep as a finished one, with every trial and a Pareto set.</summary>
    private static async Task VerifyAsync(HttpClient api, UiSeedResult seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await api.GetAsync($"api/v1/sweeps/{seed.SweepId}", cancellationToken);
        await UiApi.EnsureAsync(response, $"read the seeded sweep {seed.SweepId}", cancellationToken);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var root = doc.RootElement;
        var completed = root.GetProperty("trialsCompleted").GetInt32();
        var status = root.GetProperty("status").GetString();
        var pareto = root.TryGetProperty("pareto", out var set) && set.ValueKind == JsonValueKind.Array ? set.GetArrayLength() : 0;
        Print($"phase=verify api_ms={UiStats.Fixed(elapsed, 1)} status={status} trials_completed={completed} pareto={pareto}");
        if (completed != seed.Trials || status != "completed" || pareto == 0)
        {
            throw new InvalidOperationException(
                $"The API reads the seeded sweep as {status} with {completed} completed trials and a Pareto set of {pareto}; expected completed, {seed.Trials} and a non-empty set.");
        }
    }

    /// <summary>/healthz in fresh contexts: the browser's floor for a request to this server.</summary>
    private static async Task<List<double>> HealthzAsync(IBrowser browser, Uri url, int loads)
    {
        var times = new List<double>();
        for (var i = 0; i <= loads; i++)
        {
            await using var context = await browser.NewContextAsync(UiPageLoader.ContextOptions);
            var page = await context.NewPageAsync();
            await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var ms = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
            if (i > 0)
            {
                times.Add(ms);
            }
        }
        return times;
    }

    private static void PrintSweepLoad(string load, UiLoadResult result)
    {
        var r = result.Report;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"phase=sweep_load load={load} complete={(result.Complete ? "true" : "false")} ");
        if (!result.Complete)
        {
            line.Append(CultureInfo.InvariantCulture, $"missing={string.Join(',', result.Missing)} ");
        }
        line.Append(CultureInfo.InvariantCulture, $"ready_ms={UiStats.Ms(result.ReadyMs(SweepReady))} wall_ms={UiStats.Ms(result.WallMs)} ");
        line.Append(CultureInfo.InvariantCulture, $"response_ms={UiStats.Ms(r.ResponseEndMs)} dcl_ms={UiStats.Ms(r.DomContentLoadedMs)} ");
        line.Append(CultureInfo.InvariantCulture, $"circuit_ms={UiStats.Ms(r.Mark("circuit"))} loading_ms={UiStats.Ms(r.Mark("loading"))} content_ms={UiStats.Ms(r.Mark("content"))} rows_ms={UiStats.Ms(r.Mark("rows"))} ");
        foreach (var kind in ChartKinds.Where(k => r.Charts.Any(c => c.Kind == k)))
        {
            line.Append(CultureInfo.InvariantCulture, $"{kind}_ms={UiStats.Ms(r.Mark("chart_" + kind))} ");
        }
        line.Append(CultureInfo.InvariantCulture, $"all_charts_ms={UiStats.Ms(AllChartsMs(result))} script_kb={UiStats.Ms(r.Resources.Where(x => x.Name.EndsWith(".js", StringComparison.Ordinal)).Sum(x => x.Bytes) / 1024)} ");
        line.Append(CultureInfo.InvariantCulture, $"long_tasks={r.LongTasks} long_task_ms={UiStats.Ms(r.LongTaskMs)} long_task_max_ms={UiStats.Ms(r.LongTaskMaxMs)} ");
        var ws = result.Socket;
        line.Append(CultureInfo.InvariantCulture, $"ws_in_kb={UiStats.Ms(ws.BytesIn / 1024.0)} ws_out_kb={UiStats.Ms(ws.BytesOut / 1024.0)} ws_frames_in={ws.FramesIn} ");
        line.Append(CultureInfo.InvariantCulture, $"ws_largest_frame_kb={UiStats.Ms(ws.LargestFrame / 1024.0)} ws_95pct_arrived_ms={UiStats.Ms(ws.Arrived95Ms)} ");
        line.Append(CultureInfo.InvariantCulture, $"reconnect_shown_ms={UiStats.Ms(r.Mark("reconnect_show"))} ");
        line.Append(CultureInfo.InvariantCulture, $"rows_rendered={r.RenderedRows} trial_count={Quote(r.TrialCountText)} ");
        foreach (var chart in r.Charts)
        {
            line.Append(CultureInfo.InvariantCulture, $"{chart.Kind}_points={(chart.Drawn ? chart.Points.ToString(CultureInfo.InvariantCulture) : "undrawn")} ");
        }
        line.Append(CultureInfo.InvariantCulture, $"errors={result.Errors.Count}");
        Print(line.ToString());
    }

    /// <summary>Medians of each milestone over the measured loads: where the time goes.</summary>
    private static void PrintBreakdown(IReadOnlyList<UiLoadResult> loads)
    {
        double M(Func<UiLoadResult, double> pick) => UiStats.Median(loads.Select(pick));
        var line = new StringBuilder("phase=sweep_breakdown ");
        line.Append(CultureInfo.InvariantCulture, $"response_ms={UiStats.Ms(M(l => l.Report.ResponseEndMs))} dcl_ms={UiStats.Ms(M(l => l.Report.DomContentLoadedMs))} ");
        line.Append(CultureInfo.InvariantCulture, $"circuit_ms={UiStats.Ms(M(l => l.Report.Mark("circuit")))} content_ms={UiStats.Ms(M(l => l.Report.Mark("content")))} ");
        line.Append(CultureInfo.InvariantCulture, $"server_render_ms={UiStats.Ms(M(l => l.Report.Mark("content") - l.Report.Mark("circuit")))} ");
        line.Append(CultureInfo.InvariantCulture, $"rows_ms={UiStats.Ms(M(l => l.Report.Mark("rows")))} ");
        foreach (var kind in ChartKinds.Where(k => loads.Any(l => l.Report.Charts.Any(c => c.Kind == k))))
        {
            line.Append(CultureInfo.InvariantCulture, $"{kind}_ms={UiStats.Ms(M(l => l.Report.Mark("chart_" + kind)))} ");
        }
        line.Append(CultureInfo.InvariantCulture, $"long_task_ms={UiStats.Ms(M(l => l.Report.LongTaskMs))} ws_in_kb={UiStats.Ms(M(l => l.Socket.BytesIn / 1024.0))} ws_95pct_arrived_ms={UiStats.Ms(M(l => l.Socket.Arrived95Ms))} " +
            $"loads_with_reconnect={loads.Count(l => l.Report.Marks.ContainsKey("reconnect_show"))}");
        Print(line.ToString());
    }

    /// <summary>When the last chart on the page drew; NaN when one never did.</summary>
    private static double AllChartsMs(UiLoadResult load)
    {
        var charts = load.Report.Charts;
        if (charts.Count == 0 || charts.Any(c => !c.Drawn))
        {
            return double.NaN;
        }
        return charts.Select(c => c.Kind).Distinct(StringComparer.Ordinal).Max(k => load.Report.Mark("chart_" + k));
    }

    private static string Thousands(int trials) =>
        trials % 1000 == 0 ? (trials / 1000).ToString(CultureInfo.InvariantCulture) + "k" : trials.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string text) => "\"" + text.Replace("\"", "'", StringComparison.Ordinal).ReplaceLineEndings(" ") + "\"";

    private static void Print(string line) => Console.WriteLine("ui: " + line);
}
