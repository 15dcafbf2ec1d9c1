using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// The compute backends as the signed-in user may see them: instances started for other projects' sweeps are left
/// out (the rest, like agents, are shared machines), and a sweep's cost and capacity read only for the sweep's members.
/// </summary>
internal sealed class AuthorizedComputeQueries(IComputeQueries inner, IDashboardAccess access) : IComputeQueries
{
    public async Task<IReadOnlyList<ComputeInstanceRow>> GetInstancesAsync(CancellationToken cancellationToken)
    {
        var rows = await inner.GetInstancesAsync(cancellationToken);
        var sweeps = rows.Where(r => r.SweepId is not null).Select(r => r.SweepId!.Value).ToHashSet();
        var visible = await access.VisibleSweepsAsync(sweeps, cancellationToken);
        return visible.Count == sweeps.Count ? rows : rows.Where(r => r.SweepId is not { } sweep || visible.Contains(sweep)).ToList();
    }

    public async Task<SweepCompute?> GetSweepComputeAsync(long sweepId, CancellationToken cancellationToken) =>
        (await access.VisibleSweepsAsync([sweepId], cancellationToken)).Contains(sweepId)
            ? await inner.GetSweepComputeAsync(sweepId, cancellationToken)
            : null;

    public async Task<string?> GetCapacityShortfallAsync(long sweepId, CancellationToken cancellationToken) =>
        (await access.VisibleSweepsAsync([sweepId], cancellationToken)).Contains(sweepId)
            ? await inner.GetCapacityShortfallAsync(sweepId, cancellationToken)
            : null;
}
