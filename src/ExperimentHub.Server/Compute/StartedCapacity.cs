namespace ExperimentHub.Server.Compute;

/// <param name="ExternalId">The instance id or the Slurm job id.</param>
/// <param name="InstanceType">What it runs on, for the Agents page.</param>
/// <param name="HourlyPrice">Dollars per hour, or null where unknown (Slurm).</param>
public sealed record StartedCapacity(string ExternalId, string? InstanceType, double? HourlyPrice);
