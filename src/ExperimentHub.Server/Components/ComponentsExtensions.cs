using ExperimentHub.Server.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Radzen;

namespace ExperimentHub.Server.Components;

public static class ComponentsExtensions
{
    /// <summary>Blazor Server with Radzen, the dashboard's services and the live event hub.</summary>
    public static WebApplicationBuilder AddExperimentHubUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // Messages a developer can read in the browser only in Development; users see the error boundary.
                options.DetailedErrors = builder.Environment.IsDevelopment();
            });
        builder.Services.AddRadzenComponents();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IExperimentEvents, ExperimentEvents>();
        return builder;
    }

    public static WebApplication MapExperimentHubUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
