namespace ExperimentHub.Server.Components;

public static class ComponentsExtensions
{
    /// <summary>Blazor Server with Radzen.</summary>
    public static WebApplicationBuilder AddExperimentHubUi(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapExperimentHubUi(this WebApplication app) => app;
}
