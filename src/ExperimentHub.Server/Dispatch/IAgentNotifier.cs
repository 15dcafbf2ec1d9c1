namespace ExperimentHub.Server.Dispatch;

/// <summary>How dispatch talks to connected agents (the agent hub implements it); calls never throw for a gone agent.</summary>
public interface IAgentNotifier
{
    /// <summary>Tells the agent holding <paramref name="runId"/> to stop it (early stopping, timeout, sweep stopped).</summary>
    Task StopTrialAsync(string agentId, long runId, string reason);

    /// <summary>Pending trials appeared: agents with free slots ask for work now.</summary>
    Task WorkAvailableAsync();
}
