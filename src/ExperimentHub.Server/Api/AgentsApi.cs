using System.Text.Json;
using ExperimentHub.Server.Api.Models;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;

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
    public static async Task<Ok<List<AgentDto>>> ListAsync(AgentDirectory agents, CancellationToken cancellationToken)
    {
        var list = (await agents.ListAsync(cancellationToken)).Select(ToDto).ToList();
        return TypedResults.Ok(list);
    }

    private static AgentDto ToDto(AgentHoldings holdings)
    {
        var a = holdings.Agent;
        return new AgentDto(a.Id, a.Name, a.Host, EnumNames.ToText(a.Status), a.Slots, a.CpuCount, a.MemoryBytes, Gpus(a.GpusJson), a.Version,
            a.ConnectedAt, a.LastHeartbeatAt,
            holdings.Trials.Select(r => new AgentTrialDto(r.RunId, r.SweepId, r.TrialNumber, EnumNames.ToText(r.Status), r.GpuIndices, r.StartedAt)).ToList());
    }

    private static JsonElement Gpus(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return doc.RootElement.Clone();
    }
}
