namespace ExperimentHub.Server.Data.Entities;

/// <summary>
/// Per run, metric key and block of <see cref="Size"/> steps: the point count, the finite extremes (with their steps
/// and times) and the first NaN. Kept by ingest; long series are downsampled from blocks instead of every point.
/// </summary>
public sealed class MetricBlock
{
    public const int Shift = 7;
    public const int Size = 1 << Shift;

    public long RunId { get; set; }
    public Run? Run { get; set; }
    public required string Key { get; set; }
    /// <summary><c>step &gt;&gt; Shift</c>.</summary>
    public long Block { get; set; }
    public long Count { get; set; }
    public long? MinStep { get; set; }
    public double? MinValue { get; set; }
    public DateTimeOffset? MinTimestamp { get; set; }
    public long? MaxStep { get; set; }
    public double? MaxValue { get; set; }
    public DateTimeOffset? MaxTimestamp { get; set; }
    public long? NanStep { get; set; }
    public DateTimeOffset? NanTimestamp { get; set; }
}
