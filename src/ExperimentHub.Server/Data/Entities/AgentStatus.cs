namespace ExperimentHub.Server.Data.Entities;

/// <summary>Stored as snake_case text.</summary>
public enum AgentStatus
{
    Online,
    Offline,
    Draining,
}
