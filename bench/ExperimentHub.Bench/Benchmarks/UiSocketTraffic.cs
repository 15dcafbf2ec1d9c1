namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The Blazor circuit's WebSocket during one load: bytes and frames received, bytes sent, the largest frame, and
/// when 95% of the received bytes had arrived (ms from the navigation call): past that, the time is the browser's.
/// </summary>
internal sealed record UiSocketTraffic(long BytesIn, long BytesOut, int FramesIn, int LargestFrame, double Arrived95Ms)
{
    public static readonly UiSocketTraffic None = new(0, 0, 0, 0, double.NaN);

    public static double ShareArrivedMs(IReadOnlyList<(double Ms, int Bytes)> frames, double share)
    {
        var total = frames.Sum(f => (long)f.Bytes);
        long seen = 0;
        foreach (var (ms, bytes) in frames.OrderBy(f => f.Ms))
        {
            seen += bytes;
            if (seen >= share * total)
            {
                return ms;
            }
        }
        return double.NaN;
    }
}
