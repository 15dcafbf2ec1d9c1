using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Api;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).AllowAnonymous().WithTags("Health");
        return app;
    }

    /// <summary>200 when the database answers with a migrated schema (its version: the migrations applied), 503 otherwise.</summary>
    public static async Task<Results<Ok<HealthDto>, ProblemHttpResult>> CheckAsync(IDbContextFactory<ExperimentHubDb> contexts, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
            return applied > 0
                ? TypedResults.Ok(new HealthDto("ok", applied))
                : ApiProblems.Field(StatusCodes.Status503ServiceUnavailable, "database", "the schema is not migrated");
        }
        catch (System.Data.Common.DbException ex)
        {
            return ApiProblems.Field(StatusCodes.Status503ServiceUnavailable, "database", ex.Message);
        }
    }
}
