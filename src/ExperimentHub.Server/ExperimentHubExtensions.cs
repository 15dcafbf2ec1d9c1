namespace ExperimentHub.Server;

/// <summary>The whole app in two calls; each area adds and maps itself from its own folder.</summary>
public static class ExperimentHubExtensions
{
    public static WebApplicationBuilder AddExperimentHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapExperimentHub(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
        return app;
    }
}
