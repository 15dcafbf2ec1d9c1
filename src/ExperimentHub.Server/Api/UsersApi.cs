using System.Security.Claims;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

/// <summary><c>GET</c>, <c>POST /api/v1/users</c>: admins only.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(AuthPolicies.Admin);
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync);
        return app;
    }

    public static async Task<Ok<List<UserDto>>> ListAsync(UserAccounts users, CancellationToken cancellationToken) =>
        TypedResults.Ok((await users.ListAsync(cancellationToken)).Select(ToDto).ToList());

    public static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest body, ClaimsPrincipal user, UserAccounts users, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = UserAccounts.Validate(body.Name, body.Password);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal));
        }
        var created = await users.CreateAsync(body.Name, body.Password, body.IsAdmin, cancellationToken);
        if (created is null)
        {
            return ApiProblems.Field(StatusCodes.Status409Conflict, "name", $"a user named '{body.Name}' exists already");
        }
        await audit.RecordAsync(Caller.From(user)!.Label, AuditActions.UserCreate, $"user {created.Name}", detail: created.IsAdmin ? "admin" : null);
        return TypedResults.Created($"/api/v1/users/{created.Id}", ToDto(created));
    }

    internal static UserDto ToDto(User u) => new(u.Id, u.Name, u.IsAdmin, u.PasswordHash is not null, u.CreatedAt);
}
