using System.Collections.Concurrent;
using System.Globalization;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Compute;

/// <summary>
/// Starts capacity for running sweeps whose backend is ec2 or slurm: as many agents as their waiting and running
/// trials fill (<c>resources.slots</c> each), never more than <c>resources.instances</c> alive at once, and none
/// once the cost budget is spent. A refused start (quota, capacity) shows on the sweep and is tried again after a
/// wait that doubles each time, up to <see cref="ComputeOptions.RetryMaxSeconds"/>. Shrinking is the terminator's.
/// </summary>
public sealed class ComputeScaler(
    ComputeInstanceStore store,
    ComputeBackends backends,
    SweepSpecCache specs,
    TimeProvider time,
    IOptions<ComputeOptions> options,
    ILogger<ComputeScaler> logger)
{
    private readonly ConcurrentDictionary<long, (int Failures, DateTimeOffset NextTry)> _backoff = new();

    /// <summary>When the sweep's next start may be tried, after refusals; null when nothing holds it back.</summary>
    public DateTimeOffset? NextTry(long sweepId) => _backoff.TryGetValue(sweepId, out var b) ? b.NextTry : null;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var sweeps = await store.RunningComputeSweepsAsync(cancellationToken);
        foreach (var id in _backoff.Keys.Where(id => sweeps.All(s => s.Id != id)))
        {
            _backoff.TryRemove(id, out _);
        }
        if (sweeps.Count == 0)
        {
            return;
        }
        var live = await store.ListLiveAsync(cancellationToken);
        var work = await store.WorkAsync(sweeps.Select(s => s.Id), cancellationToken);
        foreach (var sweep in sweeps)
        {
            var spec = await specs.GetAsync(sweep.Id, cancellationToken);
            if (spec is null)
            {
                continue;
            }
            await ScaleAsync(sweep, spec, live.Where(i => i.SweepId == sweep.Id).ToList(), work[sweep.Id], cancellationToken);
        }
    }

    private async Task ScaleAsync(Sweep sweep, SweepSpec spec, List<ComputeInstance> live, SweepWork work, CancellationToken cancellationToken)
    {
        var resources = spec.Resources;
        var now = time.GetUtcNow();
        if (_backoff.TryGetValue(sweep.Id, out var wait) && now < wait.NextTry)
        {
            return;
        }
        var slots = Math.Max(1, resources.SlotsPerInstance);
        var needed = Math.Min(resources.Instances, (work.Pending + work.Held + slots - 1) / slots);
        var toStart = needed - live.Count;
        if (toStart <= 0)
        {
            return;
        }
        if (backends.Find(resources.Backend) is not { } backend || backend.ConfigurationProblem is { } problem)
        {
            await store.SetProblemAsync(sweep.Id, backends.ProblemWith(resources.Backend), cancellationToken);
            return;
        }
        if (spec.Budget.Dollars is { } dollars && await SpentAsync(sweep.Id, now, cancellationToken) >= dollars)
        {
            return;
        }
        for (var i = 0; i < toStart; i++)
        {
            if (!await StartOneAsync(sweep, resources, backend, now, cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> StartOneAsync(Sweep sweep, ResourcesSpec resources, IComputeBackend backend, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = ComputeTags.AgentName(options.Value.PoolName, sweep.Id);
        var (keyId, secret) = await store.IssueAgentKeyAsync(sweep.Id, name, cancellationToken);
        StartedCapacity started;
        try
        {
            started = await backend.StartAsync(new CapacityRequest(sweep.Id, resources, name, secret), cancellationToken);
        }
        catch (CapacityException e)
        {
            await store.RevokeKeyAsync(keyId, cancellationToken);
            var failures = (_backoff.TryGetValue(sweep.Id, out var previous) ? previous.Failures : 0) + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(options.Value.RetryMaxSeconds,
                options.Value.RetryInitialSeconds * Math.Pow(2, Math.Min(failures - 1, 30)) * (e.Retryable ? 1 : 4)));
            _backoff[sweep.Id] = (failures, now + delay);
            logger.LogWarning("Sweep {SweepId}: {Error}; trying again in {Delay:F0} s", sweep.Id, e.Message, delay.TotalSeconds);
            await store.SetProblemAsync(sweep.Id,
                string.Create(CultureInfo.InvariantCulture, $"{e.Message} (refused {failures} time{(failures == 1 ? "" : "s")}; trying again at {(now + delay):HH:mm:ss} UTC)"),
                cancellationToken);
            return false;
        }
        catch
        {
            // Unreachable engine, a bug, a cancelled call: no instance row will carry this key, so nothing would ever
            // revoke it. An instance that started anyway cannot register with it; the terminator finds it by its tags.
            await store.RevokeKeyAsync(keyId, CancellationToken.None);
            throw;
        }
        _backoff.TryRemove(sweep.Id, out _);
        await store.AddAsync(new ComputeInstance
        {
            SweepId = sweep.Id,
            Backend = resources.Backend,
            ExternalId = started.ExternalId,
            InstanceType = started.InstanceType,
            Spot = resources.Spot,
            HourlyPrice = started.HourlyPrice,
            State = ComputeInstanceState.Pending,
            StateReason = "waiting for its agent to register",
            ApiKeyId = keyId,
            LaunchedAt = now,
        }, cancellationToken);
        await store.SetProblemAsync(sweep.Id, null, cancellationToken);
        return true;
    }

    private async Task<double> SpentAsync(long sweepId, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await store.ListForSweepAsync(sweepId, cancellationToken)).Sum(i => i.CostAt(now) ?? 0);
}
