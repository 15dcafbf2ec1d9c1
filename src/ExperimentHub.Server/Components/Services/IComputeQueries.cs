using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>What the Agents and sweep pages show of the compute backends: instances and Slurm jobs, a sweep's cost and capacity.</summary>
public interface IComputeQueries
{
    /// <summary>The most recent instances and jobs, newest first, live ones and those that ended.</summary>
    Task<IReadOnlyList<ComputeInstanceRow>> GetInstancesAsync(CancellationToken cancellationToken);

    /// <summary>The sweep's backend, instances, cost and capacity problem; null when the sweep runs on agents (or does not exist).</summary>
    Task<SweepCompute?> GetSweepComputeAsync(long sweepId, CancellationToken cancellationToken);

    /// <summary>
    /// For a running sweep on agents that asks for more trials at a time than the agents that may run it have free
    /// slots now: what happens to the others, with the numbers; null otherwise.
    /// </summary>
    Task<string?> GetCapacityShortfallAsync(long sweepId, CancellationToken cancellationToken);
}
