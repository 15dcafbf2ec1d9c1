using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Data;

public static class DataExtensions
{
    /// <summary>The store on the configured provider: options, DbContext factory, query/command services, migrations at start.</summary>
    public static WebApplicationBuilder AddExperimentHubData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddExperimentEvents();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.Services.AddSingleton<StoreDatabase>();
        builder.Services.AddSingleton<SqliteConnectionFactory>();
        builder.Services.AddSingleton<StoreMigrator>();
        // Pooled: the dispatch path creates several contexts per trial, and a fresh one resolves its services each time.
        builder.Services.AddPooledDbContextFactory<ExperimentHubDb>((sp, options) => sp.GetRequiredService<StoreDatabase>().Configure(options));
        builder.Services.AddSingleton<ProjectStore>();
        builder.Services.AddSingleton<RunStore>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddSingleton<StoreLock>();
        builder.Services.AddSingleton<MetricIngest>();
        builder.Services.AddSingleton<MetricSeriesReader>();
        builder.Services.AddSingleton<MetricSummaries>();
        builder.Services.AddSingleton<ArtifactCatalog>();
        builder.Services.AddSingleton<RunCatalog>();
        builder.Services.AddHostedService<StoreMigrationService>();
        return builder;
    }
}
