using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Auth;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Api;

public static class ApiExtensions
{
    /// <summary>Authentication (bearer API keys), problem details, strict JSON, body limits.</summary>
    public static WebApplicationBuilder AddExperimentHubApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddExperimentHubAuth();
        // A refused key is the one line of RefusedRequestLogging, not the handler's two Information lines.
        builder.Logging.AddFilter(typeof(ApiKeyAuthenticationHandler).FullName, LogLevel.Warning);
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        // Binding failures throw, so that ApiExceptionHandler can name the field instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxBodyBytes);
        return builder;
    }

    /// <summary>
    /// /healthz and every /api/v1 group, behind the exception handler, body limits and authentication: the one place
    /// the HTTP API is mapped.
    /// </summary>
    public static WebApplication MapExperimentHubApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRefusedRequestLogging();
        app.UseExceptionHandler();
        app.UseBodySizeLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapHealthApi();
        app.MapProjectsApi();
        app.MapRunsApi();
        app.MapMetricsApi();
        app.MapArtifactsApi();
        app.MapCatalogApi();
        app.MapSweepsApi();
        app.MapAskTellApi();
        app.MapAgentsApi();
        app.MapKeysApi();
        app.MapUsersApi();
        app.MapMembersApi();
        app.MapAuditApi();
        // The dashboard's catch-all not-found page must not answer for the API: unknown API addresses stay JSON 404s.
        app.Map("/api/{**rest}", static (string? rest) => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"There is no API endpoint at /api/{rest}."));
        return app;
    }
}
