using System.Globalization;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Compute;

/// <summary>
/// Kills runaway capacity. Each pass terminates every instance or job that: serves a sweep that ended, was paused
/// or no longer exists; has not registered its agent within <see cref="ComputeOptions.RegistrationMinutes"/>; whose
/// agent stopped heartbeating for <see cref="ComputeOptions.HeartbeatMinutes"/>; passed
/// <see cref="ComputeOptions.MaxLifetimeHours"/>; sits idle when its sweep has no work left (none waiting, none coming back from a gone instance's lease); or would take its sweep
/// past <c>budget.dollars</c> before the next pass (that sweep then completes). It marks rows whose instance the
/// engine no longer runs (a spot reclaim, a finished job), and terminates instances with this pool's tag that no
/// row knows. Idempotent: a second pass, or a second server, terminates nothing twice.
/// </summary>
public sealed class InstanceTerminator(
    ComputeInstanceStore store,
    ComputeBackends backends,
    SweepSpecCache specs,
    SweepService sweeps,
    TimeProvider time,
    IOptions<ComputeOptions> options,
    ILogger<InstanceTerminator> logger)
{
    private ComputeOptions Options => options.Value;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var live = await store.ListLiveAsync(cancellationToken);
        live = await ForgetVanishedAsync(live, cancellationToken);

        var sweepRows = await store.SweepsAsync(live.Where(i => i.SweepId is not null).Select(i => i.SweepId!.Value), cancellationToken);
        var work = await store.WorkAsync(sweepRows.Keys, cancellationToken);
        var agents = await store.AgentsAsync(live.Where(i => i.AgentId is not null).Select(i => i.AgentId!), cancellationToken);
        var heldOnLive = live.Where(i => i.SweepId is not null && i.AgentId is not null).GroupBy(i => i.SweepId!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(i => agents.GetValueOrDefault(i.AgentId!)?.HeldTrials ?? 0));
        var verdicts = new Dictionary<long, string>();
        foreach (var instance in live)
        {
            var sweep = instance.SweepId is { } id ? sweepRows.GetValueOrDefault(id) : null;
            var spec = sweep is null ? null : await specs.GetAsync(sweep.Id, cancellationToken);
            var sweepWork = sweep is null ? null : work.GetValueOrDefault(sweep.Id);
            // Trials still leased to agents whose instance is gone (a reclaimed spot instance) wait again once their
            // leases end: the scaler starts capacity for them at once, so that capacity is not idle.
            var returning = sweepWork is null ? 0 : sweepWork.Held - heldOnLive.GetValueOrDefault(sweep!.Id);
            if (Verdict(instance, sweep, spec, sweepWork, returning, agents, now) is { } reason)
            {
                verdicts[instance.Id] = reason;
            }
        }
        await CheckBudgetsAsync(live, sweepRows, verdicts, now, cancellationToken);

        foreach (var group in live.Where(i => verdicts.ContainsKey(i.Id)).GroupBy(i => i.Backend))
        {
            if (backends.Find(group.Key) is not { } backend)
            {
                continue;
            }
            await backend.StopAsync(group.Select(i => i.ExternalId).ToList(), cancellationToken);
            foreach (var instance in group)
            {
                logger.LogInformation("Terminated {Backend} {ExternalId} of sweep {SweepId}: {Reason}",
                    EnumNames.ToText(instance.Backend), instance.ExternalId, instance.SweepId, verdicts[instance.Id]);
                await store.EndAsync(instance.Id, verdicts[instance.Id], cancellationToken);
            }
        }
        await TerminateStrangersAsync(cancellationToken);
    }

    /// <summary>Why the instance must go now, or null to keep it.</summary>
    private string? Verdict(
        ComputeInstance instance, Sweep? sweep, SweepSpec? spec, SweepWork? work, int returning, Dictionary<string, AgentActivity> agents, DateTimeOffset now)
    {
        if (sweep is null)
        {
            return "its sweep no longer exists";
        }
        if (sweep.Status != SweepStatus.Running)
        {
            return $"its sweep is {EnumNames.ToText(sweep.Status)}";
        }
        var age = now - instance.LaunchedAt;
        if (age > TimeSpan.FromHours(Options.MaxLifetimeHours))
        {
            return $"it passed its maximum lifetime of {Number(Options.MaxLifetimeHours)} hours";
        }
        var activity = instance.AgentId is { } agentId ? agents.GetValueOrDefault(agentId) : null;
        if (instance.State == ComputeInstanceState.Pending && age > TimeSpan.FromMinutes(Options.RegistrationMinutes))
        {
            return $"its agent did not register within {Number(Options.RegistrationMinutes)} minutes";
        }
        if (instance.State == ComputeInstanceState.Running
            && (activity?.LastHeartbeatAt ?? instance.RegisteredAt ?? instance.LaunchedAt) < now - TimeSpan.FromMinutes(Options.HeartbeatMinutes))
        {
            return $"its agent stopped heartbeating (nothing for {Number(Options.HeartbeatMinutes)} minutes)";
        }
        // No work left: the sweep has made every trial of its budget, none waits or will wait again, and this agent holds none.
        var budget = sweep.TrialBudget + sweep.ExtraTrials;
        if (work is not null && spec is not null && work.Trials >= budget && work.Pending == 0 && returning <= 0 && (activity?.HeldTrials ?? 0) == 0)
        {
            return "no work is left for it";
        }
        return null;
    }

    /// <summary>
    /// A sweep whose spend so far, plus its live instances running until the next pass, would pass its dollars:
    /// every live instance of it goes, and the sweep completes (like reaching its time budget).
    /// </summary>
    private async Task CheckBudgetsAsync(
        List<ComputeInstance> live, Dictionary<long, Sweep> sweepRows, Dictionary<long, string> verdicts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Until the next pass: the recurring job fires to the whole second (Jobs/IntervalCron).
        var horizon = TimeSpan.FromSeconds(Math.Ceiling(Options.IntervalSeconds));
        foreach (var sweep in sweepRows.Values.Where(s => s.Status == SweepStatus.Running))
        {
            if (await specs.GetAsync(sweep.Id, cancellationToken) is not { Budget.Dollars: { } dollars })
            {
                continue;
            }
            var rows = await store.ListForSweepAsync(sweep.Id, cancellationToken);
            var spent = rows.Sum(i => i.CostAt(now) ?? 0);
            var running = live.Where(i => i.SweepId == sweep.Id && !verdicts.ContainsKey(i.Id)).ToList();
            var next = running.Sum(i => (i.HourlyPrice ?? 0) * horizon.TotalHours);
            if (running.Count == 0 || spent + next <= dollars)
            {
                continue;
            }
            var reason = string.Create(CultureInfo.InvariantCulture, $"its sweep would pass its cost budget of ${dollars:0.##} (spent ${spent:0.####})");
            foreach (var instance in running)
            {
                verdicts[instance.Id] = reason;
            }
            await sweeps.StopTrialsAsync(sweep.Id, "the sweep reached its cost budget", cancellationToken);
            await sweeps.EndFromCoordinatorAsync(sweep.Id, SweepStatus.Completed,
                string.Create(CultureInfo.InvariantCulture, $"reached its cost budget of ${dollars:0.##} (spent ${spent:0.####})"), cancellationToken);
        }
    }

    /// <summary>Rows whose instance or job the engine no longer runs are marked terminated; the live rest is returned.</summary>
    private async Task<List<ComputeInstance>> ForgetVanishedAsync(List<ComputeInstance> live, CancellationToken cancellationToken)
    {
        var kept = new List<ComputeInstance>();
        // EC2 lists a new instance only after a moment: a row younger than this is not taken for gone.
        var listedAfter = time.GetUtcNow() - TimeSpan.FromSeconds(Math.Min(60, 4 * Options.IntervalSeconds));
        foreach (var group in live.GroupBy(i => i.Backend))
        {
            if (backends.Find(group.Key) is not { ConfigurationProblem: null } backend)
            {
                kept.AddRange(group);
                continue;
            }
            var observed = (await backend.ObserveAsync(cancellationToken)).Select(o => o.ExternalId).ToHashSet(StringComparer.Ordinal);
            var vanished = new List<ComputeInstance>();
            foreach (var instance in group)
            {
                if (observed.Contains(instance.ExternalId) || instance.LaunchedAt > listedAfter)
                {
                    kept.Add(instance);
                }
                else
                {
                    vanished.Add(instance);
                }
            }
            if (vanished.Count == 0)
            {
                continue;
            }
            var ends = await DescribeEndsAsync(backend, vanished, cancellationToken);
            foreach (var instance in vanished)
            {
                var reason = ends.GetValueOrDefault(instance.ExternalId)
                    ?? (instance.Spot ? "it is gone (a spot interruption, or terminated outside ExperimentHub)" : "it is gone (ended outside ExperimentHub)");
                logger.LogInformation("{Backend} {ExternalId} of sweep {SweepId}: {Reason}", EnumNames.ToText(instance.Backend), instance.ExternalId, instance.SweepId, reason);
                await store.EndAsync(instance.Id, reason, cancellationToken);
            }
        }
        return kept;
    }

    /// <summary>How the vanished units ended, where the engine says (Slurm's sacct); an engine that cannot be asked now says nothing.</summary>
    private async Task<IReadOnlyDictionary<string, string>> DescribeEndsAsync(IComputeBackend backend, List<ComputeInstance> vanished, CancellationToken cancellationToken)
    {
        try
        {
            return await backend.DescribeEndsAsync(vanished.Select(i => i.ExternalId).ToList(), cancellationToken);
        }
        catch (CapacityException e)
        {
            logger.LogWarning("{Backend} cannot tell how {Count} of its units ended: {Error}", backend.Kind, vanished.Count, e.Message);
            return new Dictionary<string, string>();
        }
    }

    /// <summary>Instances and jobs with this pool's tag that no live row knows: left by a crash, or by hand. They go.</summary>
    private async Task TerminateStrangersAsync(CancellationToken cancellationToken)
    {
        var known = (await store.ListLiveAsync(cancellationToken)).Select(i => (i.Backend, i.ExternalId)).ToHashSet();
        foreach (var backend in backends.Configured)
        {
            var strangers = (await backend.ObserveAsync(cancellationToken)).Where(o => !known.Contains((backend.Kind, o.ExternalId))).ToList();
            if (strangers.Count == 0)
            {
                continue;
            }
            foreach (var stranger in strangers)
            {
                logger.LogWarning("Terminating {Backend} {ExternalId} (tagged for sweep {SweepId}): no sweep of this server knows it",
                    backend.Kind, stranger.ExternalId, stranger.SweepId);
            }
            await backend.StopAsync(strangers.Select(s => s.ExternalId).ToList(), cancellationToken);
        }
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
