using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).AllowAnonymous().WithTags("Health");
        return app;
    }

    /// <summary>200 when the database answers with a migrated schema, 503 otherwise.</summary>
    public static async Task<Results<Ok<HealthDto>, ProblemHttpResult>> CheckAsync(SqliteConnectionFactory connections, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(version) FROM schema_version";
            var version = await command.ExecuteScalarAsync(cancellationToken);
            return version is long v
                ? TypedResults.Ok(new HealthDto("ok", (int)v))
                : ApiProblems.Field(StatusCodes.Status503ServiceUnavailable, "database", "the schema is not migrated");
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return ApiProblems.Field(StatusCodes.Status503ServiceUnavailable, "database", ex.Message);
        }
    }
}
