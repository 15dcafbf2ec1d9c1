using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExperimentHub.Server.Api;

public static class ArtifactsApi
{
    public static IEndpointRouteBuilder MapArtifactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/runs/{id:long}/artifacts").WithTags("Artifacts").RequireAuthorization(AuthPolicies.Reader);
        group.MapGet("", ListAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.Run);
        // Uploads stream to the store, so they are exempt from the body limit (Kestrel's 30 MB and MaxBodyBytes).
        group.MapPut("/{**path}", UploadAsync).WithMetadata(new DisableRequestSizeLimitAttribute())
            .RequireProjectRole(ProjectRole.Editor, ProjectRoute.Run);
        group.MapGet("/{**path}", DownloadAsync).RequireProjectRole(ProjectRole.Viewer, ProjectRoute.Run);
        return app;
    }

    public static async Task<Results<Created<ArtifactDto>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        long id, string? path, HttpRequest request, ArtifactUploads uploads, CancellationToken cancellationToken)
    {
        path = Normalize(path);
        if (ArtifactKeys.Validate(path) is { } pathError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [pathError] });
        }
        var contentType = string.IsNullOrWhiteSpace(request.ContentType) ? "application/octet-stream" : request.ContentType;
        Artifact? artifact;
        try
        {
            artifact = await uploads.UploadAsync(id, path!, request.Body, request.ContentLength, contentType, cancellationToken);
        }
        catch (ArtifactPathConflictException ex)
        {
            return ApiProblems.Field(StatusCodes.Status409Conflict, "path", ex.Message);
        }
        catch (ArtifactQuotaExceededException ex)
        {
            return ApiProblems.Field(StatusCodes.Status413PayloadTooLarge, "body", ex.Message);
        }
        if (artifact is null)
        {
            return ApiProblems.RunNotFound(id);
        }
        // The Location header is ASCII: each segment of a path such as 'café.txt' goes percent-encoded.
        var location = $"/api/v1/runs/{id}/artifacts/{string.Join('/', path!.Split('/').Select(Uri.EscapeDataString))}";
        return TypedResults.Created(location, ToDto(artifact));
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> DownloadAsync(
        long id, string? path, ArtifactCatalog catalog, RunStore runs, [FromServices] IArtifactStore store, CancellationToken cancellationToken)
    {
        path = Normalize(path);
        if (ArtifactKeys.Validate(path) is { } pathError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [pathError] });
        }
        var artifact = await catalog.FindAsync(id, path!, cancellationToken);
        var stream = artifact is null ? null : await store.OpenReadAsync(ArtifactCatalog.StoreKey(id, path!), cancellationToken);
        if (artifact is null || stream is null)
        {
            return await runs.ExistsAsync(id, cancellationToken)
                ? ApiProblems.Field(StatusCodes.Status404NotFound, "path", $"run {id} has no artifact '{path}'")
                : ApiProblems.RunNotFound(id);
        }
        return TypedResults.Stream(stream, artifact.ContentType, fileDownloadName: null, lastModified: artifact.CreatedAt,
            entityTag: artifact.Sha256 is null ? null : new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{artifact.Sha256}\""));
    }

    public static async Task<Results<Ok<List<ArtifactDto>>, ProblemHttpResult>> ListAsync(
        long id, RunStore runs, ArtifactCatalog catalog, CancellationToken cancellationToken)
    {
        if (!await runs.ExistsAsync(id, cancellationToken))
        {
            return ApiProblems.RunNotFound(id);
        }
        return TypedResults.Ok((await catalog.ListAsync(id, cancellationToken)).Select(ToDto).ToList());
    }

    /// <summary>Escaped separators (%2F, %5C) count as what they stand for, so they cannot smuggle '..' past the checks.</summary>
    private static string? Normalize(string? path) =>
        path?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Replace("%5C", "\\", StringComparison.OrdinalIgnoreCase);

    private static ArtifactDto ToDto(Artifact a) => new(a.Path, a.Size, a.ContentType, a.Sha256, a.CreatedAt);
}
