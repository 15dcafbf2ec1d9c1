namespace ExperimentHub.Server.Data.Entities;

/// <summary>Stored as snake_case text.</summary>
public enum SweepStatus
{
    Running,
    Paused,
    Stopped,
    Completed,
    Failed,
}
