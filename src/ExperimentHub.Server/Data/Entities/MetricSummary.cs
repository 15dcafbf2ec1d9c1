namespace ExperimentHub.Server.Data.Entities;

/// <summary>
/// Per run and metric key: the point count, the last value (at the highest step) and the extremes, kept up to date
/// by ingest so that run tables and sweep results need no scan of the points. Null values: NaN (last) or
/// "no finite value yet" (min, max; NaN never counts as an extreme).
/// </summary>
public sealed class MetricSummary
{
    public long RunId { get; set; }
    public Run? Run { get; set; }
    public required string Key { get; set; }
    public long Count { get; set; }
    public long LastStep { get; set; }
    public double? LastValue { get; set; }
    public double? MinValue { get; set; }
    public double? MaxValue { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public double Last => LastValue ?? double.NaN;
}
