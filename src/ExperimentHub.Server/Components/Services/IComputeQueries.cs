using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>What the Agents and sweep pages show of the compute backends: instances and Slurm jobs, a sweep's cost.</summary>
public interface IComputeQueries
{
    /// <summary>The most recent instances and jobs, newest first, live ones and those that ended.</summary>
    Task<IReadOnlyList<ComputeInstanceRow>> GetInstancesAsync(CancellationToken cancellationToken);

    /// <summary>The sweep's backend, instances, cost and capacity problem; null when the sweep runs on agents (or does not exist).</summary>
    Task<SweepCompute?> GetSweepComputeAsync(long sweepId, CancellationToken cancellationToken);
}
