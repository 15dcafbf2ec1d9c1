namespace ExperimentHub.Server.Data.Entities;

/// <summary>What a key may do; stored as snake_case text.</summary>
public enum ApiKeyScope
{
    /// <summary>Everything: create projects and runs, write to any run, control sweeps.</summary>
    Admin,
    /// <summary>A run token (EXPERIMENTHUB_TOKEN): reads, and writes to its own run only.</summary>
    Run,
    /// <summary>An agent started for one sweep (an EC2 instance, a Slurm job): connects to the agent hub and runs that sweep's trials only.</summary>
    SweepAgent,
}
