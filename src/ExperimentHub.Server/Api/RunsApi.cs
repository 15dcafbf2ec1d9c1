using System.Security.Claims;
using System.Text.Json;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

public static class RunsApi
{
    public const int MaxNameLength = 200;
    public const int MaxParamsBytes = 1024 * 1024;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects/{project}/runs").WithTags("Runs").RequireAuthorization(AuthPolicies.Reader);
        projects.MapPost("", CreateAsync).RequireProjectRole(ProjectRole.Editor, ProjectRoute.ProjectKey);
        projects.MapGet("", ListAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.ProjectKey);

        var runs = app.MapGroup("/api/v1/runs").WithTags("Runs").RequireAuthorization(AuthPolicies.Reader);
        runs.MapGet("/{id:long}", GetAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.Run);
        runs.MapPost("/{id:long}/finish", FinishAsync).RequireProjectRole(ProjectRole.Editor, ProjectRoute.Run);
        return app;
    }

    public static async Task<Results<Created<CreatedRunDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string project, CreateRunRequest body, ClaimsPrincipal user, ProjectStore projects, RunStore runs, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Name is { Length: > MaxNameLength })
        {
            errors["name"] = [$"a run name has at most {MaxNameLength} characters"];
        }
        else if (VisibleText.FindHidden(body.Name) is { } hidden)
        {
            errors["name"] = [$"a run name may not hold control or bidirectional characters: it {hidden}"];
        }
        var paramsJson = "{}";
        if (body.Params is { } p && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Object)
            {
                errors["params"] = ["params must be a JSON object of parameter name to value"];
            }
            else
            {
                paramsJson = p.GetRawText();
                if (paramsJson.Length > MaxParamsBytes)
                {
                    errors["params"] = [$"params have at most {MaxParamsBytes} characters of JSON"];
                }
            }
        }
        if (body.Dataset is { Length: > Run.MaxDatasetChars })
        {
            errors["dataset"] = [$"a dataset name has at most {Run.MaxDatasetChars} characters"];
        }
        if (body.CodeVersion is { Length: > Run.MaxCodeVersionChars })
        {
            errors["codeVersion"] = [$"a code version has at most {Run.MaxCodeVersionChars} characters"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var owner = await projects.FindAsync(project, cancellationToken);
        if (owner is null)
        {
            return ApiProblems.ProjectNotFound(project);
        }
        var created = await runs.CreateAsync(owner.Id, body.Name, paramsJson, cancellationToken, body.Dataset, body.CodeVersion);
        var run = created.Run;
        await audit.RecordAsync(Caller.From(user)!.Label, AuditActions.RunCreate, $"run {run.Id}", owner.Key, run.Name);
        return TypedResults.Created($"/api/v1/runs/{run.Id}", new CreatedRunDto(
            run.Id, created.Token, owner.Key, run.Name, EnumNames.ToText(run.Status), RunStore.ParseParams(run.ParamsJson), run.CreatedAt));
    }

    public static async Task<Results<Ok<RunListDto>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string project, int? limit, long? beforeId, string? status, ProjectStore projects, RunStore runs, MetricSummaries metrics, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxPageSize}"] });
        }
        RunStatus? wanted = null;
        if (status is not null)
        {
            if (!EnumNames.TryParse<RunStatus>(status, out var s))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"'{status}' is not a run status; expected one of {string.Join(", ", EnumNames.All<RunStatus>())}"],
                });
            }
            wanted = s;
        }
        var owner = await projects.FindAsync(project, cancellationToken);
        if (owner is null)
        {
            return ApiProblems.ProjectNotFound(project);
        }
        var page = await runs.ListAsync(owner.Id, beforeId, size, wanted, cancellationToken);
        var summaries = await metrics.ListSummariesAsync(page.Runs.Select(r => r.Id).ToList(), cancellationToken);
        var dtos = page.Runs.Select(r => ToDto(r, owner.Key, summaries.TryGetValue(r.Id, out var s) ? s : [])).ToList();
        return TypedResults.Ok(new RunListDto(dtos, page.NextBeforeId));
    }

    public static async Task<Results<Ok<RunDto>, ProblemHttpResult>> GetAsync(long id, RunStore runs, MetricSummaries metrics, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(id, cancellationToken);
        if (run is null)
        {
            return ApiProblems.RunNotFound(id);
        }
        // The log tail (up to 64 KiB) comes with the single run only, not with every run of a list.
        return TypedResults.Ok(ToDto(run, run.Project?.Key ?? "", await metrics.ListSummariesAsync(id, cancellationToken)) with { LogTail = run.LogTail });
    }

    public static async Task<Results<Ok<RunDto>, ValidationProblem, ProblemHttpResult>> FinishAsync(
        long id, FinishRunRequest body, RunStore runs, MetricSummaries metrics, ApiKeyResolver keys, CancellationToken cancellationToken)
    {
        if (!EnumNames.TryParse<RunStatus>(body.Status, out var status) || !Run.IsFinished(status))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"'{body.Status}' is not a final status; expected completed, failed, stopped, pruned or timed_out"],
            });
        }
        if (body.Summary is { } summary && summary.Keys.FirstOrDefault(k => MetricRules.ValidateKey(k) is not null) is { } badKey)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [$"summary.{badKey}"] = [MetricRules.ValidateKey(badKey)!] });
        }
        if (body.Error is { } error && FinishErrorProblem(status, error) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["error"] = [problem] });
        }
        var (outcome, run) = await runs.FinishAsync(id, status, body.Summary, body.Error, cancellationToken);
        // The run's token stops working now, not when its cached check runs out.
        keys.Forget();
        return outcome switch
        {
            FinishOutcome.NotFound => ApiProblems.RunNotFound(id),
            FinishOutcome.AlreadyFinished => AlreadyFinished(id, EnumNames.ToText(run!.Status)),
            _ => TypedResults.Ok(ToDto((await runs.FindAsync(id, cancellationToken))!, null, await metrics.ListSummariesAsync(id, cancellationToken))),
        };
    }

    private static ProblemHttpResult AlreadyFinished(long id, string status)
    {
        var problem = ApiProblems.Field(StatusCodes.Status409Conflict, "status", $"run {id} already finished as {status}");
        problem.ProblemDetails.Extensions[RunEndedProblem.RunStatus] = status;
        return problem;
    }

        private static string? FinishErrorProblem(RunStatus status, string error) =>
        status == RunStatus.Completed
            ? "a completed run has no error; finish it as failed to record why it failed"
            : error.Length > FinishRunRequest.MaxErrorLength
                ? $"is {error.Length} characters long; at most {FinishRunRequest.MaxErrorLength} are kept (send the end, where the cause is)"
                : null;

    internal static RunDto ToDto(Run run, string? projectKey, IReadOnlyList<MetricSummary> metrics) => new(
        run.Id,
        projectKey ?? run.Project?.Key ?? "",
        run.SweepId,
        run.TrialNumber,
        run.Name,
        EnumNames.ToText(run.Status),
        RunStore.ParseParams(run.ParamsJson),
        RunStore.MergedSummary(run, metrics),
        run.CreatedAt,
        run.StartedAt,
        run.EndedAt,
        run.Attempt,
        run.ExitCode,
        run.Error,
        LogTail: null,
        run.Dataset,
        run.CodeVersion);
}
