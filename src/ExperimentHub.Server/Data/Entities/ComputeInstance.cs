using ExperimentHub.Core.Specs;

namespace ExperimentHub.Server.Data.Entities;

/// <summary>An EC2 instance or a Slurm job started for a sweep, running one <c>ehub agent</c>; kept after it ends, for its cost.</summary>
public sealed class ComputeInstance
{
    public long Id { get; set; }
    /// <summary>The sweep it serves.</summary>
    public long? SweepId { get; set; }
    public Sweep? Sweep { get; set; }
    public ComputeBackend Backend { get; set; }
    /// <summary>The instance id (<c>i-…</c>) or the Slurm job id.</summary>
    public required string ExternalId { get; set; }
    public string? InstanceType { get; set; }
    public bool Spot { get; set; }
    /// <summary>Dollars per hour (the spot price at launch, or the configured on-demand price); null when unknown.</summary>
    public double? HourlyPrice { get; set; }
    public ComputeInstanceState State { get; set; }
    /// <summary>Why it ended (or what it waits for), for people.</summary>
    public string? StateReason { get; set; }
    /// <summary>The agent key it was given; revoked when it ends.</summary>
    public long? ApiKeyId { get; set; }
    /// <summary>The agent it registered as.</summary>
    public string? AgentId { get; set; }
    public DateTimeOffset LaunchedAt { get; set; }
    public DateTimeOffset? RegisteredAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// When it starts to cost: an instance from its launch; a Slurm job from when its agent registered (the job was
    /// running by then; a job waiting in the queue costs nothing), so null until then.
    /// </summary>
    public DateTimeOffset? BilledFrom => Backend == ComputeBackend.Slurm ? RegisteredAt : LaunchedAt;

    /// <summary>What it cost up to <paramref name="now"/> (or its end), per second; null when its price is unknown.</summary>
    public double? CostAt(DateTimeOffset now) => Cost(HourlyPrice, BilledFrom, EndedAt, now);

    /// <summary>Dollars at <paramref name="hourlyPrice"/> from <paramref name="billedFrom"/> to its end or <paramref name="now"/>; null when the price is unknown.</summary>
    public static double? Cost(double? hourlyPrice, DateTimeOffset? billedFrom, DateTimeOffset? endedAt, DateTimeOffset now) =>
        hourlyPrice is not { } price ? null
        : billedFrom is not { } from ? 0
        : price * Math.Max(0, ((endedAt ?? now) - from).TotalHours);
}
