using ExperimentHub.Server.Data.Services;

namespace ExperimentHub.Server.Events;

/// <summary>Every committed batch of metric points tells the run's open pages to redraw (coalesced per page).</summary>
internal sealed class LiveMetricsSink(IExperimentEvents events) : IMetricSink
{
    public ValueTask OnMetricsWrittenAsync(long runId, IReadOnlyList<MetricPointInput> points, CancellationToken cancellationToken)
    {
        events.Publish(ExperimentTopic.Run(runId));
        return ValueTask.CompletedTask;
    }
}
