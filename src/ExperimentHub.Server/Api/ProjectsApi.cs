using ExperimentHub.Contracts.Api;
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
        group.MapPost("", CreateAsync).RequireAuthorization(AuthPolicies.Admin);
        group.MapGet("", ListAsync);
        group.MapGet("/{key}", GetAsync);
        return group;
    }

    public static async Task<Results<Created<ProjectDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateProjectRequest body, ProjectStore projects, CancellationToken cancellationToken)
    {
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
        return TypedResults.Created($"/api/v1/projects/{Uri.EscapeDataString(project.Key)}", ToDto(project));
    }

    public static async Task<Ok<List<ProjectDto>>> ListAsync(ProjectStore projects, CancellationToken cancellationToken) =>
        TypedResults.Ok((await projects.ListAsync(cancellationToken)).Select(ToDto).ToList());

    public static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> GetAsync(string key, ProjectStore projects, CancellationToken cancellationToken) =>
        await projects.FindAsync(key, cancellationToken) is { } project ? TypedResults.Ok(ToDto(project)) : ApiProblems.ProjectNotFound(key);

    internal static ProjectDto ToDto(Project p) => new(p.Key, p.Name, p.Description, p.CreatedAt);
}
