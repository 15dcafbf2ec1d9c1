namespace ExperimentHub.Contracts.Agents;

/// <summary>What the server calls on a connected agent.</summary>
public interface IAgentClient
{
    Task StopTrial(StopTrial request);

    /// <summary>New trials are pending: an agent with free slots asks for work now instead of at its next poll.</summary>
    Task WorkAvailable();
}
