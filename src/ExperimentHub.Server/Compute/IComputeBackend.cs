using ExperimentHub.Core.Specs;

namespace ExperimentHub.Server.Compute;

/// <summary>
/// A place that starts agents for a sweep on demand: EC2, Slurm. Each unit of capacity (an instance, a job) runs one
/// <c>ehub agent</c> with a key for that sweep alone. The scaler starts units, the terminator stops them; both keep
/// their rows in the store, so a backend only talks to its engine. The agents backend (today's behaviour) has none.
/// </summary>
public interface IComputeBackend
{
    ComputeBackend Kind { get; }

    /// <summary>Null when the server's settings let this backend start capacity; else what is missing, naming the setting.</summary>
    string? ConfigurationProblem { get; }

    /// <summary>Starts one unit for the sweep.</summary>
    /// <exception cref="CapacityException">The engine refused (quota, capacity, a bad setting).</exception>
    Task<StartedCapacity> StartAsync(CapacityRequest request, CancellationToken cancellationToken);

    /// <summary>Every unit of this server's pool that the engine still runs (launched, pending or running), known to the store or not.</summary>
    Task<IReadOnlyList<ObservedCapacity>> ObserveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How units that left the engine ended, by external id, in words for people (a Slurm job's final state from
    /// <c>sacct</c>: completed, failed, cancelled, timeout, node fail); units the engine cannot tell about are absent.
    /// </summary>
    /// <exception cref="CapacityException">The engine could not be asked.</exception>
    Task<IReadOnlyDictionary<string, string>> DescribeEndsAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken);

    /// <summary>Terminates (cancels) the units; ones already gone are ignored.</summary>
    Task StopAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken);
}
