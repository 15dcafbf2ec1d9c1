using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>Compute rows and sweep costs that a test sets.</summary>
internal sealed class FakeComputeQueries : IComputeQueries
{
    public List<ComputeInstanceRow> Instances { get; } = [];

    public Dictionary<long, SweepCompute> Sweeps { get; } = [];

    /// <summary>The capacity shortfall per sweep; a test changes it and publishes the agents' topic.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<long, string> Shortfalls { get; } = [];

    public Task<IReadOnlyList<ComputeInstanceRow>> GetInstancesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ComputeInstanceRow>>([.. Instances]);

    public Task<SweepCompute?> GetSweepComputeAsync(long sweepId, CancellationToken cancellationToken) =>
        Task.FromResult(Sweeps.GetValueOrDefault(sweepId));

    public Task<string?> GetCapacityShortfallAsync(long sweepId, CancellationToken cancellationToken) =>
        Task.FromResult(Shortfalls.GetValueOrDefault(sweepId));
}
