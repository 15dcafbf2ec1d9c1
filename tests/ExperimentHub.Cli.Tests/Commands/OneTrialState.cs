using System.Collections.Concurrent;
using ExperimentHub.Core.Agents;

namespace ExperimentHub.Cli.Tests.Commands;

public sealed class OneTrialState
{
    public ConcurrentQueue<TrialAssignment> Queue { get; } = new();

    public ConcurrentQueue<AgentRegistration> Registrations { get; } = new();

    public ConcurrentQueue<MetricReportPoint> Points { get; } = new();

    public ConcurrentQueue<TrialEnd> Ended { get; } = new();
}
