namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The live-latency samples: for each metric point, the ms from posting it until the open run page's chart held it,
/// and the ms the POST itself took; how many points were posted and how many the series API
/// returns for them (maxPoints 1000, so all); plus the page's own load and what it reported.
/// </summary>
internal sealed record UiLiveResult(
    long RunId,
    IReadOnlyList<double> VisibleMs,
    IReadOnlyList<double> PostMs,
    int Missed,
    int PostedPoints,
    int ApiSeriesPoints,
    UiLoadResult PageLoad);
