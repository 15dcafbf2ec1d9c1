using System.Security.Claims;
using System.Text;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Dispatch.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

public static class SweepsApi
{
    public const int MaxExtendTrials = 1_000_000;

    public static IEndpointRouteBuilder MapSweepsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects/{project}/sweeps").WithTags("Sweeps").RequireAuthorization(AuthPolicies.Reader);
        projects.MapPost("", SubmitAsync).RequireProjectRole(ProjectRole.Editor, ProjectRoute.ProjectKey);
        projects.MapGet("", ListAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.ProjectKey);

        var sweeps = app.MapGroup("/api/v1/sweeps").WithTags("Sweeps").RequireAuthorization(AuthPolicies.Reader);
        // A run token may read its own sweep here (not its trials: those are other runs).
        sweeps.MapGet("/{id:long}", GetAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.Sweep);
        sweeps.MapGet("/{id:long}/trials", GetTrialsAsync).RequireAuthorization(AuthPolicies.Person)
            .RequireProjectRole(ProjectRole.Viewer, ProjectRoute.Sweep);
        sweeps.MapPost("/{id:long}/pause", PauseAsync).RequireProjectRole(ProjectRole.Editor, ProjectRoute.Sweep);
        sweeps.MapPost("/{id:long}/resume", ResumeAsync).RequireProjectRole(ProjectRole.Editor, ProjectRoute.Sweep);
        sweeps.MapPost("/{id:long}/stop", StopAsync).RequireProjectRole(ProjectRole.Editor, ProjectRoute.Sweep);
        sweeps.MapPost("/{id:long}/extend", ExtendAsync).RequireProjectRole(ProjectRole.Editor, ProjectRoute.Sweep);
        return app;
    }

    /// <summary>The spec as YAML (application/yaml, text/yaml) or JSON; any other content type is read as what it looks like.</summary>
    public static async Task<Results<Created<SweepDto>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string project, HttpRequest request, SweepService sweeps, AuditLog audit, CancellationToken cancellationToken)
    {
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["the body is empty: send the sweep spec as YAML or JSON"] },
                detail: "nothing was stored");
        }
        var result = await sweeps.SubmitAsync(project, text, SweepSpecParser.FormatFromContentType(request.ContentType), cancellationToken);
        if (!result.ProjectFound)
        {
            return ApiProblems.ProjectNotFound(project);
        }
        if (!result.Succeeded)
        {
            var errors = result.Errors
                .GroupBy(e => e.Path.Length == 0 ? "spec" : e.Path, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray(), StringComparer.Ordinal);
            return TypedResults.ValidationProblem(errors,
                detail: $"the spec has {result.Errors.Count} error(s); nothing was stored",
                title: "The sweep spec is invalid",
                extensions: new Dictionary<string, object?>
                {
                    ["specErrors"] = result.Errors.Select(e => new SpecErrorDto(e.Path, e.Message, e.Line, e.Column)).ToList(),
                });
        }
        var details = (await sweeps.GetAsync(result.SweepId!.Value, cancellationToken))!;
        await audit.RecordAsync(Caller.From(request.HttpContext.User)!.Label, AuditActions.SweepLaunch, $"sweep {details.Id}", project, details.Name);
        return TypedResults.Created($"/api/v1/sweeps/{details.Id}", details);
    }

    public static async Task<Results<Ok<IReadOnlyList<SweepSummaryDto>>, ProblemHttpResult>> ListAsync(
        string project, SweepService sweeps, CancellationToken cancellationToken) =>
        await sweeps.ListAsync(project, cancellationToken) is { } list ? TypedResults.Ok(list) : ApiProblems.ProjectNotFound(project);

    public static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> GetAsync(long id, SweepService sweeps, CancellationToken cancellationToken) =>
        await sweeps.GetAsync(id, cancellationToken) is { } details ? TypedResults.Ok(details) : SweepNotFound(id);

    public static async Task<Results<Ok<IReadOnlyList<TrialDto>>, ProblemHttpResult>> GetTrialsAsync(
        long id, SweepService sweeps, CancellationToken cancellationToken) =>
        await sweeps.GetTrialsAsync(id, cancellationToken) is { } trials ? TypedResults.Ok(trials) : SweepNotFound(id);

    public static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> PauseAsync(
        long id, ClaimsPrincipal user, SweepService sweeps, AuditLog audit, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await sweeps.PauseAsync(id, cancellationToken), sweeps, Audit(user, audit, AuditActions.SweepPause), cancellationToken);

    public static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> ResumeAsync(
        long id, ClaimsPrincipal user, SweepService sweeps, AuditLog audit, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await sweeps.ResumeAsync(id, cancellationToken), sweeps, Audit(user, audit, AuditActions.SweepResume), cancellationToken);

    public static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> StopAsync(
        long id, ClaimsPrincipal user, SweepService sweeps, AuditLog audit, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await sweeps.StopAsync(id, cancellationToken), sweeps, Audit(user, audit, AuditActions.SweepStop), cancellationToken);

    public static async Task<Results<Ok<SweepDto>, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        long id, ExtendSweepRequest body, ClaimsPrincipal user, SweepService sweeps, AuditLog audit, CancellationToken cancellationToken)
    {
        if (body.Trials is < 1 or > MaxExtendTrials)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["trials"] = [$"trials must be between 1 and {MaxExtendTrials}: how many trials to add to the budget"],
            });
        }
        var change = await sweeps.ExtendAsync(id, body.Trials, cancellationToken);
        return change.Outcome switch
        {
            SweepChange.NotFound => SweepNotFound(id),
            SweepChange.Conflict => ApiProblems.Field(StatusCodes.Status409Conflict, "status", change.Message ?? $"sweep {id} cannot be extended now"),
            _ => await AuditedAsync(id, sweeps, Audit(user, audit, AuditActions.SweepExtend, $"+{body.Trials} trials"), cancellationToken),
        };
    }

    private static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> AnswerAsync(
        long id, SweepChangeResult change, SweepService sweeps, Func<SweepDto, Task> record, CancellationToken cancellationToken) => change.Outcome switch
    {
        SweepChange.NotFound => SweepNotFound(id),
        SweepChange.Conflict => ApiProblems.Field(StatusCodes.Status409Conflict, "status", change.Message ?? $"sweep {id} cannot change now"),
        _ => await AuditedAsync(id, sweeps, record, cancellationToken),
    };

    private static async Task<Ok<SweepDto>> AuditedAsync(long id, SweepService sweeps, Func<SweepDto, Task> record, CancellationToken cancellationToken)
    {
        var details = (await sweeps.GetAsync(id, cancellationToken))!;
        await record(details);
        return TypedResults.Ok(details);
    }

    private static Func<SweepDto, Task> Audit(ClaimsPrincipal user, AuditLog audit, string action, string? detail = null) =>
        sweep => audit.RecordAsync(Caller.From(user)!.Label, action, $"sweep {sweep.Id}", sweep.ProjectKey, detail ?? sweep.Name);

    private static ProblemHttpResult SweepNotFound(long id) => ApiProblems.Field(StatusCodes.Status404NotFound, "id", $"there is no sweep {id}");
}
