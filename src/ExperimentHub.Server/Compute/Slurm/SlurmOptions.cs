using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Compute.Slurm;

/// <summary>
/// <c>ExperimentHub:Slurm</c>: how the slurm backend reaches the cluster. The server runs the Slurm client
/// programs (<c>sbatch</c>, <c>squeue</c>, <c>scancel</c>, <c>sacct</c>) as its own user, so it must run on a submit host.
/// </summary>
public sealed class SlurmOptions
{
    public const string Section = "ExperimentHub:Slurm";

    /// <summary>Turns the backend on; off, a spec asking for slurm is refused at submit.</summary>
    public bool Enabled { get; set; }

    public string Sbatch { get; set; } = "sbatch";

    public string Squeue { get; set; } = "squeue";

    public string Scancel { get; set; } = "scancel";

    /// <summary>Tells how a job that left squeue ended (completed, failed, cancelled, timeout, node fail).</summary>
    public string Sacct { get; set; } = "sacct";

    /// <summary>
    /// Read final states from the job completion log (<c>sacct --completion</c>, for <c>JobCompType=jobcomp/filetxt</c>)
    /// rather than the accounting database (slurmdbd): for a cluster that keeps no accounting.
    /// </summary>
    public bool FromJobCompletionLog { get; set; }

    /// <summary>Dollars per hour of each agent job (it runs on one node), counted from when its agent registered; empty for no price.</summary>
    [Range(0, 1_000_000)]
    public double? NodeHourPrice { get; set; }

    /// <summary>Dollars per GPU-hour, times the sweep's <c>resources.gpus</c>, on top of <see cref="NodeHourPrice"/>; empty for none.</summary>
    [Range(0, 1_000_000)]
    public double? GpuHourPrice { get; set; }

    /// <summary>A slurm.conf other than the system's (passed to the client programs as <c>SLURM_CONF</c>); empty for the default.</summary>
    public string? ConfFile { get; set; }

    /// <summary>Where jobs write their output (on the nodes: a shared folder); empty for the job's own working folder.</summary>
    public string? OutputDir { get; set; }

    /// <summary>Shell lines each job runs before starting the agent (a module load, a venv); empty for none.</summary>
    public string? AgentSetup { get; set; }
}
