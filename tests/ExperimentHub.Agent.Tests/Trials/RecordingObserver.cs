using System.Collections.Concurrent;
using ExperimentHub.Agent.Trials;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Tests.Trials;

internal sealed class RecordingObserver : ITrialOutputObserver
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<MetricReportPoint> Points { get; } = new();

    public void OnOutput(long runId, string line) => Lines.Enqueue(line);

    public void OnMetrics(long runId, IReadOnlyList<MetricReportPoint> points)
    {
        foreach (var point in points)
        {
            Points.Enqueue(point);
        }
    }
}
