using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Trials;

/// <summary>Receives a trial's output as it comes; called from the output reader threads, possibly at once.</summary>
public interface ITrialOutputObserver
{
    void OnOutput(long runId, string line);

    void OnMetrics(long runId, IReadOnlyList<MetricReportPoint> points);
}
