using System.Security.Claims;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/projects").WithTags("Projects").RequireAuthorization(AuthPolicies.Reader);
        group.MapPost("", CreateAsync).RequireAuthorization(AuthPolicies.Person);
        group.MapGet("", ListAsync).RequireAuthorization(AuthPolicies.Person);
        group.MapGet("/{key}", GetAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.ProjectKey);
        return group;
    }

    public static async Task<Results<Created<ProjectDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateProjectRequest body, ClaimsPrincipal user, ProjectStore projects, ProjectMembers members, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user)!;
        if (!AccessControl.MayCreateProjects(caller))
        {
            return ProjectAccessFilter.Forbidden("this key may not create projects: it needs the editor or owner role and no project of its own");
        }
        var errors = ProjectStore.Validate(body.Key, body.Name, body.Description);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal));
        }
        var project = await projects.CreateAsync(body.Key, body.Name.Trim(), body.Description, cancellationToken);
        if (project is null)
        {
            return ApiProblems.Field(StatusCodes.Status409Conflict, "key", ProjectStore.KeyTaken(body.Key));
        }
        if (!caller.IsAdmin && caller.UserId is { } creator)
        {
            await members.SetAsync(project.Id, creator, ProjectRole.Owner, cancellationToken);
        }
        await audit.RecordAsync(caller.Label, AuditActions.ProjectCreate, $"project {project.Key}", project.Key);
        return TypedResults.Created($"/api/v1/projects/{Uri.EscapeDataString(project.Key)}", ToDto(project));
    }

    /// <summary>The projects the caller may see: all for admins, their own for everyone else.</summary>
    public static async Task<Ok<List<ProjectDto>>> ListAsync(
        ClaimsPrincipal user, ProjectStore projects, AccessControl access, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleProjectsAsync(Caller.From(user)!, cancellationToken);
        return TypedResults.Ok((await projects.ListAsync(cancellationToken)).Where(p => visible is null || visible.Contains(p.Id)).Select(ToDto).ToList());
    }

    public static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> GetAsync(string key, ProjectStore projects, CancellationToken cancellationToken) =>
        await projects.FindAsync(key, cancellationToken) is { } project ? TypedResults.Ok(ToDto(project)) : ApiProblems.ProjectNotFound(key);

    internal static ProjectDto ToDto(Project p) => new(p.Key, p.Name, p.Description, p.CreatedAt);
}
