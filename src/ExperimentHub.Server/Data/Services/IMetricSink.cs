namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// Told about every batch of points once it is committed (live charts, early stopping). Register any number as
/// singletons; a sink must be quick and must not throw (failures are logged, the batch stays stored).
/// </summary>
public interface IMetricSink
{
    ValueTask OnMetricsWrittenAsync(long runId, IReadOnlyList<MetricPointInput> points, CancellationToken cancellationToken);
}
