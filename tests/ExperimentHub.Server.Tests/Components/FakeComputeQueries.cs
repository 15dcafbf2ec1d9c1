using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>Compute rows and sweep costs that a test sets.</summary>
internal sealed class FakeComputeQueries : IComputeQueries
{
    public List<ComputeInstanceRow> Instances { get; } = [];

    public Dictionary<long, SweepCompute> Sweeps { get; } = [];

    public Task<IReadOnlyList<ComputeInstanceRow>> GetInstancesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ComputeInstanceRow>>([.. Instances]);

    public Task<SweepCompute?> GetSweepComputeAsync(long sweepId, CancellationToken cancellationToken) =>
        Task.FromResult(Sweeps.GetValueOrDefault(sweepId));
}
