using System.Text.Json;
using ExperimentHub.Server.Api.Models;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Api;

public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/agents").WithTags("Agents").RequireAuthorization(AuthPolicies.Reader)
            .MapGet("", ListAsync);
        return app;
    }

    /// <summary>Every registered agent, online first, with the trials it holds now.</summary>
    public static async Task<Ok<List<AgentDto>>> ListAsync(IDbContextFactory<ExperimentHubDb> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
        var held = await db.Runs.AsNoTracking()
            .Where(r => r.LeaseAgentId != null && (r.Status == RunStatus.Leased || r.Status == RunStatus.Running))
            .Select(r => new { r.LeaseAgentId, r.Id, r.SweepId, r.TrialNumber, r.Status, r.GpuIndices, r.StartedAt })
            .ToListAsync(cancellationToken);
        var byAgent = held.ToLookup(r => r.LeaseAgentId!, StringComparer.Ordinal);
        var list = agents
            .OrderBy(a => a.Status == AgentStatus.Online ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new AgentDto(a.Id, a.Name, a.Host, EnumNames.ToText(a.Status), a.Slots, a.CpuCount, a.MemoryBytes, Gpus(a.GpusJson), a.Version,
                a.ConnectedAt, a.LastHeartbeatAt,
                byAgent[a.Id].OrderBy(r => r.Id).Select(r => new AgentTrialDto(r.Id, r.SweepId, r.TrialNumber, EnumNames.ToText(r.Status), r.GpuIndices, r.StartedAt)).ToList()))
            .ToList();
        return TypedResults.Ok(list);
    }

    private static JsonElement Gpus(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return doc.RootElement.Clone();
    }
}
