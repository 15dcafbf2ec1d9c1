namespace ExperimentHub.Core.Specs;

/// <summary>Where a sweep's trials run (<c>resources.backend</c>).</summary>
public enum ComputeBackend
{
    /// <summary>On the agents that connect by themselves (<c>ehub agent</c>, the server's local agent).</summary>
    Agents,
    /// <summary>On EC2 instances the server starts for the sweep.</summary>
    Ec2,
    /// <summary>On a Slurm cluster, through <c>sbatch</c>.</summary>
    Slurm,
}
