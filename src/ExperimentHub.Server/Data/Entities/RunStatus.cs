namespace ExperimentHub.Server.Data.Entities;

/// <summary>The life of a run (a trial when it belongs to a sweep); stored as snake_case text.</summary>
public enum RunStatus
{
    /// <summary>Waiting for an agent (sweep trials) or for its first metric (runs outside a sweep).</summary>
    Pending,
    /// <summary>Handed to an agent, not yet started; the lease expires at <see cref="Run.LeaseExpiresAt"/>.</summary>
    Leased,
    Running,
    Completed,
    Failed,
    /// <summary>Stopped early by a pruner.</summary>
    Pruned,
    /// <summary>Stopped by a user or the end of its sweep.</summary>
    Stopped,
    TimedOut,
}
