using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ExperimentHub.Server.Components;

/// <summary>
/// Artifact downloads for the dashboard's links: the browser has no API key but the sign-in cookie, so the same-host
/// UI serves the files itself to signed-in users, with the API's own path rules and store.
/// </summary>
public static class ArtifactDownloads
{
    public const string Prefix = "/ui/runs";

    public static IEndpointRouteBuilder MapArtifactDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "/{id:long}/artifacts/{**path}", DownloadAsync)
            .RequireAuthorization(AuthPolicies.Dashboard)
            .RequireProjectRole(ProjectRole.Viewer, ProjectRoute.Run)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(
        long id, string? path, ArtifactCatalog catalog, [FromServices] IArtifactStore store, CancellationToken cancellationToken)
    {
        path = Uri.UnescapeDataString(path ?? "");
        if (ArtifactKeys.Validate(path) is { } pathError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [pathError] });
        }
        var artifact = await catalog.FindAsync(id, path, cancellationToken);
        var stream = artifact is null ? null : await store.OpenReadAsync(ArtifactCatalog.StoreKey(id, path), cancellationToken);
        if (artifact is null || stream is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"Run {id} has no artifact '{path}'.");
        }
        return TypedResults.Stream(stream, artifact.ContentType, fileDownloadName: Path.GetFileName(path), lastModified: artifact.CreatedAt);
    }
}
