namespace ExperimentHub.Server.Api;

/// <summary>The API's addresses: clients there read JSON, and the dashboard's error page would be noise to them.</summary>
public static class ApiPaths
{
    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
            request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase);
    }
}
