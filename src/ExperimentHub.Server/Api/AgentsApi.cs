using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/agents").WithTags("Agents").RequireAuthorization(AuthPolicies.Person)
            .MapGet("", ListAsync);
        return app;
    }

    /// <summary>Every registered agent, online first, with the trials it holds now in the projects the caller may see.</summary>
    public static async Task<Ok<IReadOnlyList<AgentDto>>> ListAsync(
        HttpContext http, AgentDirectory agents, AccessControl access, CancellationToken cancellationToken) =>
        TypedResults.Ok(await agents.ListAsync(await access.VisibleProjectsAsync(Caller.From(http.User)!, cancellationToken), cancellationToken));
}
