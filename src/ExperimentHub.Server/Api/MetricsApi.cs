using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Api;

public static class MetricsApi
{
    /// <summary>Problems beyond this many are summed up, so a bad batch of 10,000 points gets a readable answer.</summary>
    private const int MaxListedErrors = 20;

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/runs/{id:long}/metrics").WithTags("Metrics").RequireAuthorization(AuthPolicies.Reader);
        group.MapPost("", PostAsync).RequireProjectRole(ProjectRole.Editor, ProjectRoute.Run);
        group.MapGet("", ListKeysAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.Run);
        // A catch-all, so that keys such as "val/loss" work escaped (%2F) or not.
        group.MapGet("/{**key}", GetSeriesAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.Run);
        return app;
    }

    public static async Task<Results<Ok<MetricBatchResultDto>, ValidationProblem, ProblemHttpResult>> PostAsync(
        long id, MetricBatchRequest body, MetricIngest metrics, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBatchPoints;
        if (body.Points.Count > max)
        {
            return ApiProblems.Field(StatusCodes.Status413PayloadTooLarge, "points",
                $"a batch holds at most {max} points, this one has {body.Points.Count}; send several batches");
        }
        var errors = new Dictionary<string, string[]>();
        var inputs = new MetricPointInput[body.Points.Count];
        var bad = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var p = body.Points[i];
            if (p is null)
            {
                Note(errors, ref bad, $"points[{i}]", "a point is an object {key, value, step, timestamp?}");
                continue;
            }
            if (MetricRules.ValidateKey(p.Key) is { } keyError)
            {
                Note(errors, ref bad, $"points[{i}].key", keyError);
            }
            if (MetricRules.ValidateStep(p.Step) is { } stepError)
            {
                Note(errors, ref bad, $"points[{i}].step", stepError);
            }
            inputs[i] = new MetricPointInput(p.Key, p.Step, p.Value, p.Timestamp);
        }
        if (bad > 0)
        {
            if (bad > MaxListedErrors)
            {
                errors["points"] = [$"{bad} points are invalid; the first {MaxListedErrors} are listed"];
            }
            return TypedResults.ValidationProblem(errors, detail: "nothing of this batch was stored");
        }
        var result = await metrics.IngestAsync(id, inputs, cancellationToken);
        if (!result.RunFound)
        {
            return ApiProblems.RunNotFound(id);
        }
        if (result.RunEnded)
        {
            return ApiProblems.Field(StatusCodes.Status409Conflict, "id", $"run {id} has finished; a finished run takes no more metrics");
        }
        return TypedResults.Ok(new MetricBatchResultDto(inputs.Length, result.Inserted, result.Replaced));
    }

    public static async Task<Results<Ok<MetricKeysDto>, ProblemHttpResult>> ListKeysAsync(
        long id, RunStore runs, MetricSummaries metrics, CancellationToken cancellationToken)
    {
        if (!await runs.ExistsAsync(id, cancellationToken))
        {
            return ApiProblems.RunNotFound(id);
        }
        var list = await metrics.ListSummariesAsync(id, cancellationToken);
        return TypedResults.Ok(new MetricKeysDto(id, list.Select(s => new MetricKeyDto(s.Key, s.Count, s.LastStep, s.Last, s.MinValue, s.MaxValue, s.UpdatedAt)).ToList()));
    }

    public static async Task<Results<Ok<MetricSeriesDto>, ValidationProblem, ProblemHttpResult>> GetSeriesAsync(
        long id, string key, int? maxPoints, RunStore runs, MetricSeriesReader metrics, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        key = key.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var limit = maxPoints ?? options.Value.DefaultSeriesPoints;
        if (limit < 2 || limit > options.Value.MaxSeriesPoints)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["maxPoints"] = [$"maxPoints must be between 2 and {options.Value.MaxSeriesPoints}"],
            });
        }
        if (MetricRules.ValidateKey(key) is { } keyError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = [keyError] });
        }
        var series = await metrics.ReadSeriesAsync(id, key, limit, cancellationToken);
        if (series is null)
        {
            return await runs.ExistsAsync(id, cancellationToken)
                ? ApiProblems.Field(StatusCodes.Status404NotFound, "key", $"run {id} has no metric '{key}'")
                : ApiProblems.RunNotFound(id);
        }
        var points = new SeriesPointDto[series.Points.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var p = series.Points[i];
            points[i] = new SeriesPointDto(p.Step, p.Value, p.Timestamp);
        }
        return TypedResults.Ok(new MetricSeriesDto(series.Key, series.TotalPoints, series.Downsampled, points));
    }

    private static void Note(Dictionary<string, string[]> errors, ref int bad, string field, string message)
    {
        bad++;
        if (errors.Count < MaxListedErrors)
        {
            errors[field] = [message];
        }
    }
}
