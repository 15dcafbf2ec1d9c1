using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Compute;

/// <summary><c>ExperimentHub:Compute</c>: what the scaler and the terminator do for every backend (ec2, slurm).</summary>
public sealed class ComputeOptions
{
    public const string Section = "ExperimentHub:Compute";

    /// <summary>The URL agents on instances and Slurm nodes reach this server at; empty for <c>ExperimentHub:Dispatch:PublicUrl</c>.</summary>
    public string? ServerUrl { get; set; }

    /// <summary>The program (and leading arguments) that runs the agent on an instance or node, such as <c>ehub</c>.</summary>
    [Required]
    public string AgentCommand { get; set; } = "ehub";

    /// <summary>Tags instances and names jobs, so that the terminator finds this server's own (and only those) to clean up.</summary>
    [Required, RegularExpression("^[a-zA-Z0-9_.-]{1,64}$")]
    public string PoolName { get; set; } = "experimenthub";

    /// <summary>
    /// Seconds between two passes of the scaler and the terminator (recurring Hangfire jobs, which fire to the second:
    /// rounded up to whole seconds). A sweep submitted, paused or ended gets a pass at once besides.
    /// </summary>
    [Range(0.05, 3600)]
    public double IntervalSeconds { get; set; } = 15;

    /// <summary>An instance or job whose agent has not registered this long after it started is terminated.</summary>
    [Range(0.01, 1440)]
    public double RegistrationMinutes { get; set; } = 15;

    /// <summary>An instance or job whose agent has not heartbeated this long is terminated.</summary>
    [Range(0.01, 1440)]
    public double HeartbeatMinutes { get; set; } = 5;

    /// <summary>No instance or job lives longer than this, whatever it runs.</summary>
    [Range(0.01, 8760)]
    public double MaxLifetimeHours { get; set; } = 24;

    /// <summary>After a refused start, the first wait before trying again; each further refusal doubles it.</summary>
    [Range(0.01, 3600)]
    public double RetryInitialSeconds { get; set; } = 30;

    /// <summary>The longest wait between two tries.</summary>
    [Range(0.01, 86400)]
    public double RetryMaxSeconds { get; set; } = 900;
}
