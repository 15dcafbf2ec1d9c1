using System.Globalization;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

/// <summary><c>GET /api/v1/catalog/runs?format=csv|jsonl|parquet[&amp;project=KEY][&amp;sweep=ID]</c>: every run, streamed.</summary>
public static class CatalogApi
{
    public const string Csv = "csv";
    public const string Jsonl = "jsonl";
    public const string Parquet = "parquet";

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/v1/catalog").WithTags("Catalog").RequireAuthorization(AuthPolicies.Person);
        catalog.MapGet("/runs", ExportRunsAsync);
        return app;
    }

    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportRunsAsync(
        string? format, string? project, string? sweep, HttpContext http, ProjectStore projects, RunCatalog catalog, AccessControl access,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var kind = (format ?? Csv).ToLowerInvariant();
        if (kind is not (Csv or Jsonl or Parquet))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["format"] = [$"'{format}' is not a catalog format; expected csv, jsonl or parquet"],
            });
        }
        // Parsed here rather than bound, so that a bad id is named as the query field it came from.
        long? sweepId = null;
        if (sweep is not null)
        {
            if (!long.TryParse(sweep, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["sweep"] = [$"'{sweep}' is not a sweep id; expected a whole number"],
                });
            }
            sweepId = parsed;
        }
        long? projectId = null;
        if (project is not null)
        {
            var owner = await projects.FindAsync(project, cancellationToken);
            if (owner is null)
            {
                return ApiProblems.ProjectNotFound(project);
            }
            projectId = owner.Id;
        }
        if (sweepId is { } id && await access.ProjectOfSweepAsync(id, cancellationToken) is null)
        {
            return ApiProblems.Field(StatusCodes.Status404NotFound, "sweep", $"there is no sweep {id}");
        }
        // Only admins export every project; anyone else names one they may read (or a sweep of one).
        var caller = Caller.From(http.User)!;
        var scope = projectId ?? (sweepId is { } s ? (await access.ProjectOfSweepAsync(s, cancellationToken))!.ProjectId : (long?)null);
        if (scope is null ? !caller.IsAdmin : await access.RoleInAsync(caller, scope.Value, cancellationToken) is null)
        {
            return ProjectAccessFilter.Forbidden(scope is null
                ? "only admins export every project: add ?project=KEY"
                : "this key has no role in the project it asks for");
        }
        var filter = new CatalogFilter(projectId, sweepId);
        // The CSV header and the Parquet schema need every column before the first row: one cheap pass over the names.
        var columns = kind is Csv or Parquet ? await catalog.ColumnsAsync(filter, cancellationToken) : null;
        // How many runs are coming, for a download's progress (the body itself is streamed, so it has no length).
        http.Response.Headers["X-Catalog-Runs"] = (await catalog.CountAsync(filter, cancellationToken)).ToString(CultureInfo.InvariantCulture);
        var aborted = http.RequestAborted;
        return kind switch
        {
            Csv => TypedResults.Stream(
                output => CatalogCsvWriter.WriteAsync(output, columns!, catalog.ReadAsync(filter, aborted), aborted),
                "text/csv; charset=utf-8", "runs.csv"),
            Parquet => TypedResults.Stream(
                output => CatalogParquetWriter.WriteAsync(output, columns!, catalog.ReadAsync(filter, aborted), aborted),
                "application/vnd.apache.parquet", "runs.parquet"),
            _ => TypedResults.Stream(
                output => CatalogJsonlWriter.WriteAsync(output, catalog.ReadAsync(filter, aborted), aborted),
                "application/x-ndjson; charset=utf-8", "runs.jsonl"),
        };
    }
}
