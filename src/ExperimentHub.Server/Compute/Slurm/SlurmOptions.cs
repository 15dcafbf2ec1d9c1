namespace ExperimentHub.Server.Compute.Slurm;

/// <summary>
/// <c>ExperimentHub:Slurm</c>: how the slurm backend reaches the cluster. The server runs the Slurm client
/// programs (<c>sbatch</c>, <c>squeue</c>, <c>scancel</c>) as its own user, so it must run on a submit host.
/// </summary>
public sealed class SlurmOptions
{
    public const string Section = "ExperimentHub:Slurm";

    /// <summary>Turns the backend on; off, a spec asking for slurm is refused at submit.</summary>
    public bool Enabled { get; set; }

    public string Sbatch { get; set; } = "sbatch";

    public string Squeue { get; set; } = "squeue";

    public string Scancel { get; set; } = "scancel";

    /// <summary>A slurm.conf other than the system's (passed to the client programs as <c>SLURM_CONF</c>); empty for the default.</summary>
    public string? ConfFile { get; set; }

    /// <summary>Where jobs write their output (on the nodes: a shared folder); empty for the job's own working folder.</summary>
    public string? OutputDir { get; set; }

    /// <summary>Shell lines each job runs before starting the agent (a module load, a venv); empty for none.</summary>
    public string? AgentSetup { get; set; }
}
