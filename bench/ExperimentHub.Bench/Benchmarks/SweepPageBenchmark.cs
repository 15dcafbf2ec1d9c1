using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Pages.Sweeps;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The server's share of the sweep page's first load, step by step, without a browser: the ui bench's sweep of
/// 10,000 finished trials (two objectives) is seeded into a real server's SQLite file, then this process runs what
/// the page runs on it (the sweep query, the trials query with every metric and with the page's, the chart builders, the table's rows, parameter importance, the charts'
/// figures with their size on the wire as Plotly.Blazor serializes them). Medians of --repeats rounds after a warm-up round.
/// Options: --trials N (10000), --repeats N (5).
/// </summary>
internal sealed class SweepPageBenchmark : IBenchmark
{
    private const string ProjectKey = "sweeppage";

    public string Name => "sweeppage";

    public string Description => "Server-side steps of the sweep page's first load for 10,000 trials (queries, chart builders, table rows, figure sizes)";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var trials = UiStats.IntOption(args, "--trials", 10_000, 1);
        var repeats = UiStats.IntOption(args, "--repeats", 5, 1);

        await using var server = await UiServerProcess.StartAsync(UiServerProcess.DefaultServerDirectory(), cancellationToken);
        using (var api = server.CreateAdminClient())
        using (var project = await api.PostAsJsonAsync("api/v1/projects", new { key = ProjectKey, name = "Sweep page bench" }, cancellationToken))
        {
            await UiApi.EnsureAsync(project, $"create the project '{ProjectKey}'", cancellationToken);
        }
        var seed = await UiSweepSeeder.SeedAsync(server.DataDir, ProjectKey, trials, cancellationToken);
        Print($"phase=seed sweep={seed.SweepId} trials={seed.Trials} seconds={UiStats.Fixed(seed.Elapsed.TotalSeconds, 2)}");

        var (app, queries) = DashboardQueryHost.Start(server.DataDir);
        await using var host = app;

        var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var figureBytes = new Dictionary<string, long>(StringComparer.Ordinal);
        // The first round warms EF's caches and the JIT, as a running server's are after its first page.
        for (var round = 0; round <= repeats; round++)
        {
            var clock = Stopwatch.StartNew();
            void Step(string name)
            {
                if (round > 0)
                {
                    (steps.TryGetValue(name, out var list) ? list : steps[name] = []).Add(clock.Elapsed.TotalMilliseconds);
                }
                clock.Restart();
            }
            var sweep = await queries.GetSweepAsync(seed.SweepId, cancellationToken)
                ?? throw new InvalidOperationException($"The dashboard's query finds no sweep {seed.SweepId}.");
            var spec = sweep.Spec ?? throw new InvalidOperationException($"The spec of sweep {seed.SweepId} does not parse.");
            Step("get_sweep");
            _ = await queries.GetTrialsAsync(seed.SweepId, cancellationToken);
            Step("get_trials_all_metrics");
            // What the page reads: only the metrics it shows (objectives and constraints).
            string[] shown = [.. spec.Objectives.Select(o => o.Metric).Concat(spec.Constraints.Select(c => c.Metric)).Distinct(StringComparer.Ordinal)];
            var rows = await queries.GetTrialsAsync(seed.SweepId, shown, cancellationToken);
            Step("get_trials");
            var view = SweepView.Build(rows, spec, [], new SweepViewChoices(null, null, null, null));
            Step("view");
            var parcoords = ParallelCoordinates.Build(rows, spec);
            Step("parcoords_build");
            var x = ParameterAxis.For(spec.Space.Parameters[0]);
            var y = ParameterAxis.For(spec.Space.Parameters[1]);
            _ = HeatmapBuilder.Build(rows, x, y, spec.Objectives[0], null);
            Step("heatmap_build");
            _ = ParetoBuilder.Build(rows, spec.Objectives[0], spec.Objectives[1], spec.Constraints, null);
            Step("pareto_build");
            _ = BestSoFar.Build(rows, spec.Objectives[0]);
            Step("bestsofar_build");
            _ = TrialGridRows.Build(rows, spec, DateTimeOffset.UtcNow);
            Step("grid_rows");
            _ = ImportanceBuilder.Build(rows, spec, spec.Objectives[0]);
            Step("importance");
            var figures = new Dictionary<string, ChartFigure>(StringComparer.Ordinal)
            {
                ["heatmap"] = HeatmapFigure.Build(view.Heatmap!),
                ["pareto"] = ParetoFigure.Build(view.Pareto!, view.Hypervolume),
                ["best_so_far"] = BestSoFarFigure.Build(view.BestSoFar!),
            };
            Step("figures");
            foreach (var (kind, figure) in figures)
            {
                figureBytes[kind] = figure.Traces.Sum(t => (long)JsonSerializer.SerializeToUtf8Bytes(t, t.GetType(), FigureJson).Length);
            }
            Step("figures_json");
        }

        foreach (var (name, times) in steps)
        {
            Print($"phase=step name={name} median_ms={UiStats.Fixed(UiStats.Median(times), 1)} max_ms={UiStats.Fixed(times.Max(), 1)}");
        }
        double M(string name) => UiStats.Median(steps[name]);
        Print($"trials={trials} repeats={repeats} get_trials_ms={UiStats.Fixed(M("get_trials"), 1)} view_ms={UiStats.Fixed(M("view"), 1)} " +
            $"grid_rows_ms={UiStats.Fixed(M("grid_rows"), 1)} importance_ms={UiStats.Fixed(M("importance"), 1)} figures_ms={UiStats.Fixed(M("figures"), 1)} " +
            $"figures_json_ms={UiStats.Fixed(M("figures_json"), 1)} " +
            string.Join(" ", figureBytes.Select(f => $"{f.Key}_json_kb={UiStats.Fixed(f.Value / 1024.0, 1)}")));
    }

    /// <summary>Close to what Plotly.Blazor sends: its property names, nulls left out.</summary>
    private static readonly JsonSerializerOptions FigureJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static void Print(string line) => Console.WriteLine("sweeppage: " + line);
}
