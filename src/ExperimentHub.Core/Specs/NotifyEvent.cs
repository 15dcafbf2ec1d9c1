namespace ExperimentHub.Core.Specs;

/// <summary>What a sweep tells its notification targets about (written in specs as snake_case).</summary>
public enum NotifyEvent
{
    /// <summary>The sweep ran its budget, its time or its search space.</summary>
    Completed,
    /// <summary>The sweep failed (the dispatcher could not go on with it).</summary>
    Failed,
    /// <summary>The sweep was paused, by a user or after too many failed trials in a row.</summary>
    Paused,
    /// <summary>A trial became the sweep's best (for several objectives: joined the Pareto set).</summary>
    NewBest,
}
