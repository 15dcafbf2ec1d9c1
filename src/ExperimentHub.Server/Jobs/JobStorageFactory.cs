using ExperimentHub.Server.Data;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// Hangfire's storage for <c>ExperimentHub:Database:Provider</c>: on PostgreSQL and SQL Server, the store's own
/// database (Hangfire keeps its tables in a schema of their own); on SQLite, <c>hangfire.db</c> beside
/// <c>experimenthub.db</c>. Sharing the file would be safe from corruption (one native SQLite library is loaded, and
/// the journal mode is set to WAL here, where Hangfire.Storage.SQLite would set DELETE), but Hangfire's queue polls,
/// heartbeats and locks then take the file's one write lock outside our <see cref="WriteGate"/>: in the dispatch
/// bench the same file gave 17 trials/s and 8.7 CPU ms per trial against 41 and 5.2 with the sibling file (README,
/// *Background jobs*).
/// </summary>
internal static class JobStorageFactory
{
    public static JobStorage Create(StoreDatabase database, StoreOptions store, JobsOptions jobs)
    {
        ArgumentNullException.ThrowIfNull(database);
        var poll = TimeSpan.FromMilliseconds(jobs.PollIntervalMilliseconds);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = new PostgreSqlStorageOptions { QueuePollInterval = poll, PrepareSchemaIfNecessary = true, SchemaName = "hangfire" };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, postgres), postgres);
            case DatabaseProvider.SqlServer:
                return new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
                {
                    QueuePollInterval = poll,
                    PrepareSchemaIfNecessary = true,
                    SchemaName = "HangFire",
                });
            default:
                Directory.CreateDirectory(store.DataDirectory);
                return new SQLiteStorage(SqlitePath(store), new SQLiteStorageOptions
                {
                    QueuePollInterval = poll,
                    JournalMode = SQLiteStorageOptions.JournalModes.WAL,
                });
        }
    }

    public static string SqlitePath(StoreOptions store) => Path.Combine(store.DataDirectory, JobsOptions.SqliteFileName);
}
