namespace ExperimentHub.Core.Specs;

/// <summary>Where a sweep's trials run: <c>resources.backend</c>.</summary>
public enum ComputeBackend
{
    /// <summary>Whatever agents are connected (today's behaviour): nothing is started for the sweep.</summary>
    Agents,
    /// <summary>EC2 instances (on demand or spot) started for the sweep, each running <c>ehub agent</c>.</summary>
    Ec2,
    /// <summary>Slurm jobs submitted for the sweep, each running <c>ehub agent</c>.</summary>
    Slurm,
}
