namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// One page load: what the probe saw, the wall time measured by the bench from the navigation call until the awaited
/// marks were all set (NaN when the wait timed out), whether they all were (and which were missing), the Blazor circuit's WebSocket traffic, and
/// the errors the page reported.
/// </summary>
internal sealed record UiLoadResult(
    UiProbeReport Report,
    double WallMs,
    bool Complete,
    IReadOnlyList<string> Missing,
    UiSocketTraffic Socket,
    IReadOnlyList<string> Errors)
{
    /// <summary>When the last of the awaited marks was set (ms from the navigation's start), NaN when one never was.</summary>
    public double ReadyMs(IEnumerable<string> marks) => Complete ? marks.Max(Report.Mark) : double.NaN;
}
