namespace ExperimentHub.Server.Data;

/// <summary>Migrates the store when the host starts, before any other hosted service (it is registered first).</summary>
internal sealed class StoreMigrationService(StoreMigrator migrator, StoreDatabase database, ILogger<StoreMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (StoreUnavailableException.IsConnectionFailure(e))
        {
            throw new StoreUnavailableException(database, e);
        }
        logger.LogInformation("Store: {Database}", database.Describe());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
