namespace ExperimentHub.Server.Compute;

/// <param name="ExternalId">The instance id or the Slurm job id.</param>
/// <param name="SweepId">The sweep its tag or job name names; null when it names none that parses.</param>
/// <param name="State">The engine's word for its state (pending, running, shutting-down; PENDING, RUNNING).</param>
public sealed record ObservedCapacity(string ExternalId, long? SweepId, string State);
