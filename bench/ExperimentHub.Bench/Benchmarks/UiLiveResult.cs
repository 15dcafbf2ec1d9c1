namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The live-latency samples: for each metric point, the ms from posting it until the open run page's chart held it,
/// and the ms the POST itself took; plus the page's own load and what it reported.
/// </summary>
internal sealed record UiLiveResult(
    long RunId,
    IReadOnlyList<double> VisibleMs,
    IReadOnlyList<double> PostMs,
    int Missed,
    UiLoadResult PageLoad);
