using ExperimentHub.Server.Data;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Hangfire runs the background work: its storage follows <c>ExperimentHub:Database:Provider</c>, a server in this
    /// process runs the jobs, and the recurring jobs (lease reaping, sweep coordination, catalog export, the compute
    /// scaler and terminator) are registered at start. The storage is this app's own (not Hangfire's static one), so that several apps in one process (tests)
    /// keep their jobs apart.
    /// </summary>
    public static WebApplicationBuilder AddExperimentHubJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(JobStorage)))
        {
            return builder;
        }
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogExportOptions>().BindConfiguration(CatalogExportOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogExportOptions>, CatalogExportOptionsValidator>());

        // Registered before AddHangfire, which then keeps it (it only adds a JobStorage when none is registered).
        // The store's database (AddExperimentHubData binds and validates ExperimentHub:Database).
        services.AddSingleton<JobStorage>(sp => JobStorageFactory.Create(sp.GetRequiredService<StoreDatabase>(),
            sp.GetRequiredService<IOptions<StoreOptions>>().Value, sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddHangfire((sp, configuration) => configuration
            .UseLogProvider(new AppLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, server) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            var poll = TimeSpan.FromMilliseconds(jobs.PollIntervalMilliseconds);
            server.WorkerCount = jobs.Workers;
            server.SchedulePollingInterval = poll;
        });
        services.AddSingleton<DispatchJobs>();
        services.AddSingleton<CatalogExportJob>();
        services.AddSingleton<ComputeJobs>();
        services.AddHostedService<RecurringJobsRegistrar>();
        services.AddHostedService<ComputeJobTrigger>();
        return builder;
    }

    /// <summary>The Hangfire dashboard at <see cref="JobsOptions.DashboardPath"/>, for signed-in admins only.</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboard(JobsOptions.DashboardPath, new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = "ExperimentHub jobs",
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            Authorization = [],
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }
}
