using System.Collections.Concurrent;
using ExperimentHub.Server.Dispatch;

namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>Records what dispatch tells agents, instead of sending it.</summary>
public sealed class RecordingNotifier : IAgentNotifier
{
    public ConcurrentQueue<(string AgentId, long RunId, string Reason)> Stops { get; } = new();

    public int WorkAvailableCount => _workAvailable;

    private int _workAvailable;

    public Task StopTrialAsync(string agentId, long runId, string reason)
    {
        Stops.Enqueue((agentId, runId, reason));
        return Task.CompletedTask;
    }

    public Task WorkAvailableAsync()
    {
        Interlocked.Increment(ref _workAvailable);
        return Task.CompletedTask;
    }
}
