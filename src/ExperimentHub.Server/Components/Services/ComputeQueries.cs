using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Components.Services;

/// <summary>The compute rows, a sweep's cost and its capacity, read from the store for the pages.</summary>
public sealed class ComputeQueries(
    IDbContextFactory<ExperimentHubDb> contexts, ComputeInstanceStore instances, SweepSpecCache specs, SweepCapacity capacity, TimeProvider time)
    : IComputeQueries
{
    private const int MaxRows = 200;
    private const int MaxEnds = 5;

    public async Task<IReadOnlyList<ComputeInstanceRow>> GetInstancesAsync(CancellationToken cancellationToken) =>
        (await instances.ListRecentAsync(MaxRows, cancellationToken)).Select(ToRow).ToList();

    public async Task<SweepCompute?> GetSweepComputeAsync(long sweepId, CancellationToken cancellationToken)
    {
        Sweep? sweep;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            sweep = await db.Sweeps.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sweepId, cancellationToken);
        }
        if (sweep is null || sweep.ComputeBackend == ComputeBackend.Agents)
        {
            return null;
        }
        var rows = await instances.ListForSweepAsync(sweepId, cancellationToken);
        var now = time.GetUtcNow();
        var spec = await specs.GetAsync(sweepId, cancellationToken);
        return new SweepCompute(
            EnumNames.ToText(sweep.ComputeBackend),
            rows.Count(r => r.State != ComputeInstanceState.Terminated),
            rows.Count,
            rows.Any(r => r.HourlyPrice is not null) ? rows.Sum(r => r.CostAt(now) ?? 0) : null,
            spec?.Budget.Dollars,
            sweep.ComputeProblem,
            rows.Where(r => r.State == ComputeInstanceState.Terminated && r.StateReason is not null).OrderByDescending(r => r.EndedAt).ThenByDescending(r => r.Id)
                .Take(MaxEnds).Select(r => new ComputeEnd(r.ExternalId, r.StateReason!)).ToList());
    }

    public async Task<string?> GetCapacityShortfallAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var running = await db.Sweeps.AsNoTracking()
                .AnyAsync(s => s.Id == sweepId && s.Status == SweepStatus.Running && s.ComputeBackend == ComputeBackend.Agents, cancellationToken);
            if (!running)
            {
                return null;
            }
        }
        // A spec that no longer parses has no parallel to compare with.
        return await specs.GetAsync(sweepId, cancellationToken) is { } spec
            ? await capacity.ShortfallAsync(spec.Budget.Parallel, spec.Trial.Gpus, sweepId, cancellationToken)
            : null;
    }

    private static ComputeInstanceRow ToRow(ComputeInstance i) => new(i.Id, i.SweepId, EnumNames.ToText(i.Backend), i.ExternalId, i.InstanceType, i.Spot,
        i.HourlyPrice, EnumNames.ToText(i.State), i.StateReason, i.LaunchedAt, i.EndedAt, i.BilledFrom);
}
