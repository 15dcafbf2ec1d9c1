using ExperimentHub.Server.Api;
using ExperimentHub.Server.Auth;

namespace ExperimentHub.Server.Components;

/// <summary>
/// The catalog export for the dashboard's download button: the browser has the sign-in cookie, not an API key, so the
/// UI serves the API's own export handler to signed-in users.
/// </summary>
public static class CatalogDownloads
{
    public const string Path = "/ui/catalog/runs";

    public static IEndpointRouteBuilder MapCatalogDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, CatalogApi.ExportRunsAsync)
            .RequireAuthorization(AuthPolicies.Dashboard)
            .ExcludeFromDescription();
        return app;
    }
}
