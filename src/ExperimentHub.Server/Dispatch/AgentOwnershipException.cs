namespace ExperimentHub.Server.Dispatch;

/// <summary>An agent key tried to register an agent id that another key registered first.</summary>
public sealed class AgentOwnershipException(string agentId)
    : Exception($"agent id '{agentId}' was registered with another key: an agent key may register only the agents it runs itself")
{
    public string AgentId { get; } = agentId;
}
