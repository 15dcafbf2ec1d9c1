namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>An EC2 instance or a Slurm job as the Agents page shows it.</summary>
/// <param name="Backend">ec2 or slurm.</param>
/// <param name="ExternalId">The instance id or the job id.</param>
/// <param name="State">pending, running or terminated.</param>
/// <param name="HourlyPrice">Dollars per hour; null where unknown (a Slurm cluster without prices).</param>
/// <param name="StateReason">Why it ended (for a Slurm job that left the queue, its final state from sacct), or what it waits for.</param>
/// <param name="BilledFrom">When it started to cost (see <see cref="Data.Entities.ComputeInstance.BilledFrom"/>).</param>
public sealed record ComputeInstanceRow(
    long Id,
    long? SweepId,
    string Backend,
    string ExternalId,
    string? InstanceType,
    bool Spot,
    double? HourlyPrice,
    string State,
    string? StateReason,
    DateTimeOffset LaunchedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? BilledFrom)
{
    /// <summary>Dollars so far at <paramref name="now"/> (or up to its end), by the second; null when its price is unknown.</summary>
    public double? CostAt(DateTimeOffset now) => Data.Entities.ComputeInstance.Cost(HourlyPrice, BilledFrom, EndedAt, now);
}
