using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Dispatch;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>The dashboard's own query service in this process, on a server's SQLite file (WAL lets both read).</summary>
internal static class DashboardQueryHost
{
    /// <summary>The host (dispose it when done) and its <see cref="IDashboardQueries"/>.</summary>
    public static (WebApplication App, IDashboardQueries Queries) Start(string dataDir)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["ExperimentHub:DataDir"] = dataDir;
        builder.Logging.ClearProviders();
        builder.AddExperimentHubData();
        // The dispatch-side owners the dashboard reads through: specs, trials and agents.
        builder.Services.AddSingleton<SweepSpecCache>();
        builder.Services.AddSingleton<TrialReader>();
        builder.Services.AddSingleton<AgentDirectory>();
        builder.Services.AddSingleton<IDashboardQueries, DbDashboardQueries>();
        var app = builder.Build();
        return (app, app.Services.GetRequiredService<IDashboardQueries>());
    }
}
