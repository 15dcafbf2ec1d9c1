using System.Security.Claims;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

/// <summary>A project's members: viewers read the list, owners (and admins) change it.</summary>
public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/projects/{project}/members").WithTags("Members").RequireAuthorization(AuthPolicies.Person);
        group.MapGet("", ListAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.ProjectKey);
        group.MapPut("/{user}", SetAsync).RequireProjectRole(ProjectRole.Owner, ProjectRoute.ProjectKey);
        group.MapDelete("/{user}", RemoveAsync).RequireProjectRole(ProjectRole.Owner, ProjectRoute.ProjectKey);
        return app;
    }

    public static async Task<Results<Ok<List<MemberDto>>, ProblemHttpResult>> ListAsync(
        string project, AccessControl access, ProjectMembers members, CancellationToken cancellationToken)
    {
        if (await access.ProjectOfKeyAsync(project, cancellationToken) is not { } target)
        {
            return ApiProblems.ProjectNotFound(project);
        }
        return TypedResults.Ok((await members.ListAsync(target.ProjectId, cancellationToken))
            .Select(m => new MemberDto(m.User!.Name, EnumNames.ToText(m.Role), m.CreatedAt)).ToList());
    }

    public static async Task<Results<Ok<MemberDto>, ValidationProblem, ProblemHttpResult>> SetAsync(
        string project, string user, SetMemberRequest body, ClaimsPrincipal caller, AccessControl access, UserAccounts users,
        ProjectMembers members, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!EnumNames.TryParse<ProjectRole>(body.Role, out var role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["role"] = [$"'{body.Role}' is not a project role; expected owner, editor or viewer"],
            });
        }
        if (await access.ProjectOfKeyAsync(project, cancellationToken) is not { } target)
        {
            return ApiProblems.ProjectNotFound(project);
        }
        if (await users.FindAsync(user, cancellationToken) is not { } member)
        {
            return ApiProblems.Field(StatusCodes.Status404NotFound, "user", $"there is no user '{user}'");
        }
        await members.SetAsync(target.ProjectId, member.Id, role, cancellationToken);
        await audit.RecordAsync(Caller.From(caller)!.Label, AuditActions.MemberSet, $"user {member.Name}", target.ProjectKey, EnumNames.ToText(role));
        return TypedResults.Ok(new MemberDto(member.Name, EnumNames.ToText(role), time.GetUtcNow()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string project, string user, ClaimsPrincipal caller, AccessControl access, UserAccounts users, ProjectMembers members,
        AuditLog audit, CancellationToken cancellationToken)
    {
        if (await access.ProjectOfKeyAsync(project, cancellationToken) is not { } target)
        {
            return ApiProblems.ProjectNotFound(project);
        }
        if (await users.FindAsync(user, cancellationToken) is not { } member
            || !await members.RemoveAsync(target.ProjectId, member.Id, cancellationToken))
        {
            return ApiProblems.Field(StatusCodes.Status404NotFound, "user", $"'{user}' has no role in project '{project}'");
        }
        await audit.RecordAsync(Caller.From(caller)!.Label, AuditActions.MemberRemove, $"user {member.Name}", target.ProjectKey);
        return TypedResults.NoContent();
    }
}
