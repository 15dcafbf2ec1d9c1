using System.Security.Claims;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

/// <summary><c>POST</c>, <c>GET /api/v1/keys</c>, <c>DELETE /api/v1/keys/{id}</c>: see <see cref="KeyManager"/> for who may.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/keys").WithTags("Keys").RequireAuthorization(AuthPolicies.Person);
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapDelete("/{id:long}", RevokeAsync);
        return app;
    }

    public static async Task<Results<Created<CreatedKeyDto>, ProblemHttpResult>> CreateAsync(
        CreateKeyRequest body, ClaimsPrincipal user, KeyManager keys, CancellationToken cancellationToken)
    {
        var result = await keys.CreateAsync(Caller.From(user)!, body, cancellationToken);
        return result.Value is { } created
            ? TypedResults.Created($"/api/v1/keys/{created.Id}", created)
            : ApiProblems.Field(result.Status, result.Field!, result.Error!);
    }

    public static async Task<Ok<IReadOnlyList<KeyDto>>> ListAsync(ClaimsPrincipal user, KeyManager keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(Caller.From(user)!, cancellationToken));

    public static async Task<Results<Ok<KeyDto>, ProblemHttpResult>> RevokeAsync(
        long id, ClaimsPrincipal user, KeyManager keys, CancellationToken cancellationToken)
    {
        var result = await keys.RevokeAsync(Caller.From(user)!, id, cancellationToken);
        return result.Value is { } revoked ? TypedResults.Ok(revoked) : ApiProblems.Field(result.Status, result.Field!, result.Error!);
    }
}
