using System.Text;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Auth;
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
        projects.MapPost("", SubmitAsync).RequireAuthorization(AuthPolicies.Admin);
        projects.MapGet("", ListAsync);

        var sweeps = app.MapGroup("/api/v1/sweeps").WithTags("Sweeps").RequireAuthorization(AuthPolicies.Reader);
        sweeps.MapGet("/{id:long}", GetAsync);
        sweeps.MapGet("/{id:long}/trials", GetTrialsAsync);
        sweeps.MapPost("/{id:long}/pause", PauseAsync).RequireAuthorization(AuthPolicies.Admin);
        sweeps.MapPost("/{id:long}/resume", ResumeAsync).RequireAuthorization(AuthPolicies.Admin);
        sweeps.MapPost("/{id:long}/stop", StopAsync).RequireAuthorization(AuthPolicies.Admin);
        sweeps.MapPost("/{id:long}/extend", ExtendAsync).RequireAuthorization(AuthPolicies.Admin);
        return app;
    }

    /// <summary>The spec as YAML (application/yaml, text/yaml) or JSON; any other content type is read as what it looks like.</summary>
    public static async Task<Results<Created<SweepDto>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string project, HttpRequest request, SweepService sweeps, CancellationToken cancellationToken)
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

    public static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> PauseAsync(long id, SweepService sweeps, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await sweeps.PauseAsync(id, cancellationToken), sweeps, cancellationToken);

    public static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> ResumeAsync(long id, SweepService sweeps, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await sweeps.ResumeAsync(id, cancellationToken), sweeps, cancellationToken);

    public static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> StopAsync(long id, SweepService sweeps, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await sweeps.StopAsync(id, cancellationToken), sweeps, cancellationToken);

    public static async Task<Results<Ok<SweepDto>, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        long id, ExtendSweepRequest body, SweepService sweeps, CancellationToken cancellationToken)
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
            _ => TypedResults.Ok((await sweeps.GetAsync(id, cancellationToken))!),
        };
    }

    private static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> AnswerAsync(
        long id, SweepChangeResult change, SweepService sweeps, CancellationToken cancellationToken) => change.Outcome switch
    {
        SweepChange.NotFound => SweepNotFound(id),
        SweepChange.Conflict => ApiProblems.Field(StatusCodes.Status409Conflict, "status", change.Message ?? $"sweep {id} cannot change now"),
        _ => TypedResults.Ok((await sweeps.GetAsync(id, cancellationToken))!),
    };

    private static ProblemHttpResult SweepNotFound(long id) => ApiProblems.Field(StatusCodes.Status404NotFound, "id", $"there is no sweep {id}");
}
