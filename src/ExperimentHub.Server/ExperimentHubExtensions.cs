using ExperimentHub.Server.Api;
using ExperimentHub.Server.Components;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Demo;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Hubs;
using ExperimentHub.Server.Jobs;
using ExperimentHub.Server.Notifications;
using ExperimentHub.Server.Security;
using ExperimentHub.Server.Storage;

namespace ExperimentHub.Server;

/// <summary>The whole app in two calls; each area adds and maps itself from its own folder.</summary>
public static class ExperimentHubExtensions
{
    public static WebApplicationBuilder AddExperimentHub(this WebApplicationBuilder builder)
    {
        builder.AddExperimentHubSecurity();
        builder.AddExperimentHubData();
        builder.AddArtifactStorage();
        builder.AddExperimentHubApi();
        builder.AddExperimentHubDemo();
        builder.AddExperimentHubDispatch();
        builder.AddExperimentHubNotifications();
        builder.AddAgentHub();
        builder.AddExperimentHubCompute();
        builder.AddExperimentHubUi();
        return builder;
    }

    public static WebApplication MapExperimentHub(this WebApplication app)
    {
        app.UseExperimentHubSecurity();
        app.MapExperimentHubApi();
        app.MapAgentHub();
        app.MapJobsDashboard();
        app.MapExperimentHubUi();
        return app;
    }
}
