using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// The one agent query: every registered agent with the trials it holds now (leased or running), for the agents API
/// and the dashboard's agents page alike. Agents come online first, then by name.
/// </summary>
public sealed class AgentDirectory(IDbContextFactory<ExperimentHubDb> contexts)
{
    public async Task<IReadOnlyList<AgentHoldings>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
        var held = await db.Runs.AsNoTracking()
            .Where(r => r.LeaseAgentId != null && (r.Status == RunStatus.Leased || r.Status == RunStatus.Running))
            .Select(r => new { r.LeaseAgentId, Trial = new HeldTrial(r.Id, r.Name, r.SweepId, r.TrialNumber, r.Status, r.GpuIndices, r.StartedAt) })
            .ToListAsync(cancellationToken);
        var byAgent = held.ToLookup(r => r.LeaseAgentId!, r => r.Trial, StringComparer.Ordinal);
        return agents
            .OrderBy(a => a.Status == AgentStatus.Online ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new AgentHoldings(a, byAgent[a.Id].OrderBy(t => t.RunId).ToList()))
            .ToList();
    }
}
