namespace ExperimentHub.Core.Specs;

/// <summary>Where <c>warm_start: auto</c> looks for related earlier sweeps.</summary>
public enum WarmStartScope
{
    /// <summary>The sweeps of the new sweep's own project.</summary>
    Project,

    /// <summary>The sweeps of every project.</summary>
    All,
}
