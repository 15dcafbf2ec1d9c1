using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Dispatch.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

/// <summary>
/// Ask/tell: <c>POST /api/v1/sweeps/{id}/ask</c> hands out a trial of a sweep without a command;
/// <c>POST /api/v1/trials/{id}/tell</c> reports its objective values or its failure.
/// </summary>
public static class AskTellApi
{
    /// <summary>The problem's <c>code</c> when a sweep will hand out no more trials, so that clients can end their loop.</summary>
    public const string DoneCode = "done";

    /// <summary>The problem's <c>code</c> when <c>parallel</c> trials are untold: tell one, then ask again.</summary>
    public const string BusyCode = "parallel";

    public static IEndpointRouteBuilder MapAskTellApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sweeps/{id:long}/ask", AskAsync).WithTags("Sweeps").RequireAuthorization(AuthPolicies.Reader)
            .RequireProjectRole(ProjectRole.Editor, ProjectRoute.Sweep);
        // A trial is a run (same id): the run's own token may tell its trial, as it may finish its run.
        app.MapPost("/api/v1/trials/{id:long}/tell", TellAsync).WithTags("Sweeps").RequireAuthorization(AuthPolicies.Reader)
            .RequireProjectRole(ProjectRole.Editor, ProjectRoute.Run);
        return app;
    }

    public static async Task<Results<Ok<AskedTrialDto>, ProblemHttpResult>> AskAsync(long id, AskTellService askTell, CancellationToken cancellationToken)
    {
        var result = await askTell.AskAsync(id, cancellationToken);
        var message = result.Message ?? "";
        return result.Outcome switch
        {
            AskOutcome.Asked when result.Trial is { } t => TypedResults.Ok(new AskedTrialDto(
                t.RunId, t.RunId, t.SweepId, t.TrialNumber, RunStore.ParseParams(t.ParamsJson), t.Token, t.ExpiresAt)),
            AskOutcome.NotFound => ApiProblems.Field(StatusCodes.Status404NotFound, "id", message),
            AskOutcome.Done => Coded(StatusCodes.Status409Conflict, "budget", message, DoneCode),
            AskOutcome.Busy => Coded(StatusCodes.Status409Conflict, "budget.parallel", message, BusyCode),
            AskOutcome.NotAskTell => ApiProblems.Field(StatusCodes.Status409Conflict, "command", message),
            _ => ApiProblems.Field(StatusCodes.Status409Conflict, "status", message),
        };
    }

    public static async Task<Results<Ok<TrialDto>, ValidationProblem, ProblemHttpResult>> TellAsync(
        long id, TellRequest body, AskTellService askTell, SweepService sweeps, CancellationToken cancellationToken)
    {
        var result = await askTell.TellAsync(id, body, cancellationToken);
        var message = result.Message ?? "";
        if (result.Outcome == TellOutcome.Told)
        {
            return TypedResults.Ok((await sweeps.GetTrialAsync(id, cancellationToken))!);
        }
        return result.Outcome switch
        {
            TellOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!, detail: message),
            TellOutcome.NotFound => ApiProblems.Field(StatusCodes.Status404NotFound, "id", message),
            TellOutcome.Expired => ApiProblems.Field(StatusCodes.Status410Gone, "id", message),
            _ => ApiProblems.Field(StatusCodes.Status409Conflict, "id", message),
        };
    }

    private static ProblemHttpResult Coded(int status, string field, string message, string code) =>
        TypedResults.Problem(
            detail: $"{field}: {message}",
            statusCode: status,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
                ["code"] = code,
            });
}
