using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

/// <summary><c>GET /api/v1/audit?limit=N&amp;beforeId=ID</c>: the audit log, newest first; admins only.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(AuthPolicies.Admin).MapGet("", ListAsync);
        return app;
    }

    public static async Task<Results<Ok<List<AuditEventDto>>, ValidationProblem>> ListAsync(
        int? limit, long? beforeId, AuditLog audit, CancellationToken cancellationToken)
    {
        var size = limit ?? 100;
        if (size is < 1 or > AuditLog.MaxPage)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {AuditLog.MaxPage}"] });
        }
        return TypedResults.Ok((await audit.ListAsync(beforeId, size, cancellationToken))
            .Select(e => new AuditEventDto(e.Id, e.At, e.Actor, e.Action, e.Target, e.Project, e.Detail)).ToList());
    }
}
