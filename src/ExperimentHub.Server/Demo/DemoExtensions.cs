namespace ExperimentHub.Server.Demo;

public static class DemoExtensions
{
    /// <summary>The demo project on an empty store (after migrations and the admin key, by registration order).</summary>
    public static WebApplicationBuilder AddExperimentHubDemo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();
        builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }
}
