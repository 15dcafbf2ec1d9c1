using ExperimentHub.Server.Api;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Detection;
using ExperimentHub.Server.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using Microsoft.AspNetCore.RateLimiting;
using MudBlazor.Services;

namespace ExperimentHub.Server.Components;

public static class ComponentsExtensions
{
    /// <summary>Blazor Server with MudBlazor, the dashboard's services and the live event hub.</summary>
    public static WebApplicationBuilder AddExperimentHubUi(this WebApplicationBuilder builder)
    {
        // The app's wwwroot and MudBlazor's _content come from the build's static web asset manifest in every environment
        // (the run command starts in Production); a published app has no manifest and serves its own wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // Messages a developer can read in the browser only in Development; users see the error boundary.
                options.DetailedErrors = builder.Environment.IsDevelopment();
            });
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        builder.Services.AddScoped<DashboardScript>();
        builder.Services.AddExperimentEvents();
        builder.Services.AddSingleton<ImportanceCache>();
        builder.Services.AddSingleton<ISweepSpecChecker, SpecParserChecker>();
        // Pages read through the signed-in user's access (AccessControl): a circuit's queries see what its user may.
        builder.Services.AddSingleton<DbDashboardQueries>();
        builder.Services.AddSingleton<ComputeQueries>();
        builder.Services.AddScoped<IDashboardQueries>(s =>
            new AuthorizedDashboardQueries(s.GetRequiredService<DbDashboardQueries>(), s.GetRequiredService<IDashboardAccess>()));
        builder.Services.AddScoped<IComputeQueries>(s =>
            new AuthorizedComputeQueries(s.GetRequiredService<ComputeQueries>(), s.GetRequiredService<IDashboardAccess>()));
        builder.Services.AddSingleton<DbDashboardCommands>();
        builder.Services.AddScoped<IDashboardCommands, AuthorizedDashboardCommands>();
        builder.Services.AddScriptDetection();
        return builder;
    }

    public static WebApplication MapExperimentHubUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // The API's own handler (MapExperimentHubApi) answers its failures as problem details; this error page,
            // re-executed as the same method, would turn an API PUT into a 405 from the page.
            app.UseWhen(context => !ApiPaths.IsApi(context.Request), branch => branch.UseExceptionHandler("/error", createScopeForErrors: true));
        }
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapArtifactDownloads();
        app.MapCatalogDownloads();
        app.MapSignOut();
        // Every page and the Blazor hub need a signed-in user; the sign-in page opts out with [AllowAnonymous].
        app.MapRazorComponents<App>()
            // SecurityHeaders sends the whole policy, frame-ancestors 'none' included, on every answer; Blazor's own
            // frame-ancestors 'self' header would be a second, looser policy beside it.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            .RequireAuthorization(AuthPolicies.Dashboard)
            .RequireRateLimiting(DashboardSignIn.RateLimitPolicy);
        return app;
    }
}
