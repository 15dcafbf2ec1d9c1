namespace ExperimentHub.Server.Data.Entities;

/// <summary>
/// One value of one metric at one step; (RunId, Key, Step) is the key, so re-posting a point replaces it.
/// SQLite stores NaN as NULL, so the column is nullable and NULL means NaN; ±Infinity are stored as they are.
/// Bulk paths (ingest, series) use raw SQL in <see cref="Services.MetricIngest"/> and <see cref="Services.MetricSeriesReader"/>.
/// </summary>
public sealed class MetricPoint
{
    public long RunId { get; set; }
    public Run? Run { get; set; }
    public required string Key { get; set; }
    public long Step { get; set; }
    /// <summary>The stored value: null is NaN. Use <see cref="Value"/>.</summary>
    public double? StoredValue { get; set; }
    public DateTimeOffset Timestamp { get; set; }

    public double Value
    {
        get => StoredValue ?? double.NaN;
        set => StoredValue = double.IsNaN(value) ? null : value;
    }
}
