namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// What <see cref="UiPageProbe"/> recorded on one page: milestone times (ms from the navigation's start), long tasks,
/// navigation timing, resources, the charts and the table's rendered rows.
/// </summary>
internal sealed record UiProbeReport(
    IReadOnlyDictionary<string, double> Marks,
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
}
