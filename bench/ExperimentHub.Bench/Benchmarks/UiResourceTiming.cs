namespace ExperimentHub.Bench.Benchmarks;

/// <summary>One resource the page fetched: its address, start and end (ms from the navigation's start), bytes transferred.</summary>
internal sealed record UiResourceTiming(string Name, double StartMs, double EndMs, double Bytes)
{
    public double DurationMs => EndMs - StartMs;
}
