namespace ExperimentHub.Server.Data.Entities;

/// <summary>Stored as snake_case text.</summary>
public enum ComputeInstanceState
{
    /// <summary>Started (an instance launched, a job submitted); its agent has not registered yet.</summary>
    Pending,
    /// <summary>Its agent registered.</summary>
    Running,
    /// <summary>Terminated, cancelled or gone: it costs nothing more.</summary>
    Terminated,
}
