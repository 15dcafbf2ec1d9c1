using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Compute;

/// <summary>
/// The rows of the instances and jobs started for sweeps, and the sweep-side facts the scaler and the terminator
/// read (work waiting, agents' heartbeats). Ending a row revokes its agent key, so a terminated instance that somehow
/// lingers can run nothing.
/// </summary>
public sealed class ComputeInstanceStore(
    IDbContextFactory<ExperimentHubDb> contexts, ApiKeyIssuer keys, ApiKeyResolver resolver, IExperimentEvents events, TimeProvider time)
{
    /// <summary>Stores the agent key of an instance about to start; its row follows once the engine answered.</summary>
    public async Task<(long KeyId, string Secret)> IssueAgentKeyAsync(long sweepId, string agentName, CancellationToken cancellationToken)
    {
        var issued = keys.NewSweepAgentKey(sweepId, agentName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(issued.Row);
        await db.SaveChangesAsync(cancellationToken);
        return (issued.Row.Id, issued.Secret);
    }

    public async Task RevokeKeyAsync(long keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null).ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now), cancellationToken);
        resolver.Forget();
    }

    public async Task AddAsync(ComputeInstance instance, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.ComputeInstances.Add(instance);
            await db.SaveChangesAsync(cancellationToken);
        }
        Changed(instance.SweepId);
    }

    /// <summary>Instances and jobs not yet terminated.</summary>
    public async Task<List<ComputeInstance>> ListLiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ComputeInstances.AsNoTracking().Where(i => i.State != ComputeInstanceState.Terminated).OrderBy(i => i.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Every row, newest first (the Agents page), at most <paramref name="limit"/>.</summary>
    public async Task<List<ComputeInstance>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ComputeInstances.AsNoTracking().OrderByDescending(i => i.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<List<ComputeInstance>> ListForSweepAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ComputeInstances.AsNoTracking().Where(i => i.SweepId == sweepId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The agent of a sweep agent key registered: its instance is running.</summary>
    public async Task AgentRegisteredAsync(long keyId, string agentId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        long? sweepId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var instance = await db.ComputeInstances.FirstOrDefaultAsync(i => i.ApiKeyId == keyId && i.State != ComputeInstanceState.Terminated, cancellationToken);
            if (instance is null)
            {
                return;
            }
            instance.AgentId = agentId;
            instance.RegisteredAt ??= now;
            instance.State = ComputeInstanceState.Running;
            instance.StateReason = null;
            sweepId = instance.SweepId;
            await db.SaveChangesAsync(cancellationToken);
        }
        Changed(sweepId);
    }

    /// <summary>Marks the instance terminated with the reason and revokes its key.</summary>
    public async Task EndAsync(long instanceId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        long? sweepId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var instance = await db.ComputeInstances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
            if (instance is null || instance.State == ComputeInstanceState.Terminated)
            {
                return;
            }
            instance.State = ComputeInstanceState.Terminated;
            instance.StateReason = reason;
            instance.EndedAt = now;
            sweepId = instance.SweepId;
            if (instance.ApiKeyId is { } keyId)
            {
                await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null).ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now), cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        resolver.Forget();
        Changed(sweepId);
    }

    /// <summary>Shows (or clears, with null) why the sweep lacks capacity.</summary>
    public async Task SetProblemAsync(long sweepId, string? problem, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Sweeps.Where(s => s.Id == sweepId && s.ComputeProblem != problem)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ComputeProblem, problem), cancellationToken);
        if (changed > 0)
        {
            events.Publish(ExperimentTopic.Sweep(sweepId));
        }
    }

    /// <summary>The sweeps by id (for the terminator); those that no longer exist are absent.</summary>
    public async Task<Dictionary<long, Sweep>> SweepsAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sweeps.AsNoTracking().Where(s => list.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
    }

    /// <summary>Running sweeps whose trials run on a backend of their own.</summary>
    public async Task<List<Sweep>> RunningComputeSweepsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sweeps.AsNoTracking()
            .Where(s => s.Status == SweepStatus.Running && s.ComputeBackend != Core.Specs.ComputeBackend.Agents)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Per sweep: trials in all, waiting for an agent, and held by one.</summary>
    public async Task<Dictionary<long, SweepWork>> WorkAsync(IEnumerable<long> sweepIds, CancellationToken cancellationToken)
    {
        var list = sweepIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Runs.AsNoTracking().Where(r => r.SweepId != null && list.Contains(r.SweepId.Value))
            .GroupBy(r => r.SweepId!.Value)
            .Select(g => new
            {
                Sweep = g.Key,
                Trials = g.Count(),
                Pending = g.Count(r => r.Status == RunStatus.Pending),
                Held = g.Count(r => r.Status == RunStatus.Leased || r.Status == RunStatus.Running),
            })
            .ToListAsync(cancellationToken);
        return list.ToDictionary(id => id, id => rows.FirstOrDefault(r => r.Sweep == id) is { } r
            ? new SweepWork(r.Trials, r.Pending, r.Held)
            : new SweepWork(0, 0, 0));
    }

    /// <summary>The agents by id with their last heartbeat and how many trials each holds.</summary>
    public async Task<Dictionary<string, AgentActivity>> AgentsAsync(IEnumerable<string> agentIds, CancellationToken cancellationToken)
    {
        var list = agentIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().Where(a => list.Contains(a.Id)).Select(a => new { a.Id, a.LastHeartbeatAt }).ToListAsync(cancellationToken);
        var held = await db.Runs.AsNoTracking()
            .Where(r => r.LeaseAgentId != null && list.Contains(r.LeaseAgentId) && (r.Status == RunStatus.Leased || r.Status == RunStatus.Running))
            .GroupBy(r => r.LeaseAgentId!).Select(g => new { Agent = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return agents.ToDictionary(a => a.Id, a => new AgentActivity(a.LastHeartbeatAt, held.FirstOrDefault(h => h.Agent == a.Id)?.Count ?? 0), StringComparer.Ordinal);
    }

    private void Changed(long? sweepId)
    {
        events.Publish(ExperimentTopic.Agents);
        if (sweepId is { } id)
        {
            events.Publish(ExperimentTopic.Sweep(id));
        }
    }
}
