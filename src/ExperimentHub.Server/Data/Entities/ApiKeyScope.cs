namespace ExperimentHub.Server.Data.Entities;

/// <summary>A key's role, what it may do; stored as snake_case text.</summary>
public enum ApiKeyScope
{
    /// <summary>Everything: every project, users, agents and keys.</summary>
    Admin,
    /// <summary>A run token (EXPERIMENTHUB_TOKEN): reads and writes its own run, reads its sweep, nothing else.</summary>
    Run,
    /// <summary>Owner of its project (or of every project its user owns): manages members and keys there.</summary>
    Owner,
    /// <summary>Creates runs and sweeps, controls sweeps and uploads, in its project.</summary>
    Editor,
    /// <summary>Reads its project.</summary>
    Viewer,
    /// <summary>Serves the agent hub only, and sees only the trials leased to its agent.</summary>
    Agent,
    /// <summary>An agent started for one sweep (an EC2 instance, a Slurm job): connects to the agent hub and runs that sweep's trials only.</summary>
    SweepAgent,
}
