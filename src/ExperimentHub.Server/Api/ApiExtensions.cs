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

    /// <summary>/healthz and every /api/v1 group, behind the exception handler, body limits and authentication.</summary>
    public static WebApplication MapExperimentHubApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseBodySizeLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthApi();
        app.MapProjectsApi();
        app.MapRunsApi();
        app.MapMetricsApi();
        app.MapArtifactsApi();
        app.MapCatalogApi();
        return app;
    }

    /// <summary>The sweeps and agents API: they call the dispatcher, so a host maps them only where it adds dispatch.</summary>
    public static WebApplication MapDispatchApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSweepsApi();
        app.MapAgentsApi();
        return app;
    }
}
