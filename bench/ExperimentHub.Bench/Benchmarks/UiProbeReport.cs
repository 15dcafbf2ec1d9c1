namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// What <see cref="UiPageProbe"/> recorded on one page: milestone times (ms from the navigation's start), plotly
/// call times per chart kind, long tasks, navigation timing, resources, the charts and the table's rendered rows.
/// </summary>
internal sealed record UiProbeReport(
    IReadOnlyDictionary<string, double> Marks,
    IReadOnlyDictionary<string, double> Js,
    int LongTasks,
    double LongTaskMs,
    double LongTaskMaxMs,
    double ResponseEndMs,
    double DomContentLoadedMs,
    IReadOnlyList<UiResourceTiming> Resources,
    IReadOnlyList<UiChartState> Charts,
    int RenderedRows,
    string TrialCountText)
{
    public double Mark(string key) => Marks.TryGetValue(key, out var ms) ? ms : double.NaN;

    public double JsMs(string key) => Js.TryGetValue(key, out var ms) ? ms : double.NaN;

    /// <summary>The first resource whose address contains <paramref name="fragment"/>, or null.</summary>
    public UiResourceTiming? Resource(string fragment) => Resources.FirstOrDefault(r => r.Name.Contains(fragment, StringComparison.Ordinal));
}
