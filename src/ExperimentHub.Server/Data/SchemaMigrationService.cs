using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Data;

/// <summary>Migrates the store when the host starts, before any other hosted service (it is registered first).</summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator, IOptions<StoreOptions> options, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(SchemaMigrator.DefaultDirectory, cancellationToken);
        logger.LogInformation("Store: {Database}", options.Value.DatabasePath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
