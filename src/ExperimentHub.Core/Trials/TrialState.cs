namespace ExperimentHub.Core.Trials;

public enum TrialState
{
    Pending,
    Running,
    Completed,
    Failed,
    /// <summary>Stopped early by a pruner (ASHA, median rule).</summary>
    Pruned,
    /// <summary>Stopped by a user, a timeout or the end of the sweep.</summary>
    Stopped,
}
