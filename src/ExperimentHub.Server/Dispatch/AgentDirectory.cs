using System.Text.Json;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// The one read of the registered agents and the trials each holds now (leased or running), online agents first:
/// <c>GET /api/v1/agents</c> answers with it and the dashboard's agents page shows it.
/// </summary>
public sealed class AgentDirectory(IDbContextFactory<ExperimentHubDb> contexts)
{
    private static readonly RunStatus[] Held = [RunStatus.Leased, RunStatus.Running];

    public Task<IReadOnlyList<AgentDto>> ListAsync(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    /// <summary>Every agent (machines are shared), with only the trials of <paramref name="visibleProjects"/> (null: all).</summary>
    public async Task<IReadOnlyList<AgentDto>> ListAsync(IReadOnlySet<long>? visibleProjects, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
        var held = (await db.Runs.AsNoTracking()
            .Where(r => r.LeaseAgentId != null && Held.Contains(r.Status))
            .Select(r => new { r.LeaseAgentId, r.Id, r.Name, r.SweepId, r.TrialNumber, r.Status, r.GpuIndices, r.StartedAt, r.ProjectId })
            .ToListAsync(cancellationToken))
            .Where(r => visibleProjects is null || visibleProjects.Contains(r.ProjectId));
        var byAgent = held.ToLookup(r => r.LeaseAgentId!, StringComparer.Ordinal);
        return agents
            .OrderBy(a => a.Status == AgentStatus.Online ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new AgentDto(a.Id, a.Name, a.Host, EnumNames.ToText(a.Status), a.Slots, a.CpuCount, a.MemoryBytes, Gpus(a.GpusJson), a.Version,
                a.ConnectedAt, a.LastHeartbeatAt,
                byAgent[a.Id].OrderBy(r => r.Id)
                    .Select(r => new AgentTrialDto(r.Id, r.SweepId, r.TrialNumber, EnumNames.ToText(r.Status), r.GpuIndices, r.StartedAt, r.Name))
                    .ToList()))
            .ToList();
    }

    private static JsonElement Gpus(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return doc.RootElement.Clone();
    }
}
