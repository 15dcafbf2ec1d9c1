using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Api;

/// <summary>RFC 7807 answers that name the field at fault in <c>errors</c>, whatever the status.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Field(int status, string field, string message) =>
        TypedResults.Problem(
            detail: $"{field}: {message}",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static ProblemHttpResult RunNotFound(long id) => Field(StatusCodes.Status404NotFound, "id", $"there is no run {id}");

    public static ProblemHttpResult ProjectNotFound(string key) => Field(StatusCodes.Status404NotFound, "project", $"there is no project '{key}'");
}
