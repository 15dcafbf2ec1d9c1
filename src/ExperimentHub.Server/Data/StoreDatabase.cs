using System.Data.Common;
using ExperimentHub.Server.Data.Migrations;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ExperimentHub.Server.Data;

/// <summary>
/// The configured database, resolved once: its provider, its connection string, and how EF is pointed at it. The one
/// place that knows which provider runs; services ask <see cref="Provider"/> where a provider has a path of its own.
/// </summary>
public sealed class StoreDatabase
{
    public StoreDatabase(IOptions<DatabaseOptions> database, IOptions<StoreOptions> store)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(store);
        Provider = database.Value.ParsedProvider
            ?? throw new InvalidOperationException(DatabaseOptionsValidator.Problem(database.Value));
        ConnectionString = Provider == DatabaseProvider.Sqlite
            ? SqliteConnectionFactory.ConnectionStringFor(store.Value.DatabasePath)
            : database.Value.ConnectionString;
    }

    public StoreDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The setting's name for the provider (sqlite, postgres, sqlserver).</summary>
    public string ProviderName => Name(Provider);

    /// <summary>Where the store is, for logs and messages: never the password.</summary>
    public string Describe()
    {
        var builder = ConnectionStringBuilder(Provider, ConnectionString);
        return Provider switch
        {
            DatabaseProvider.Sqlite => $"sqlite {((SqliteConnectionStringBuilder)builder).DataSource}",
            DatabaseProvider.Postgres => $"postgres database '{((NpgsqlConnectionStringBuilder)builder).Database}' on {((NpgsqlConnectionStringBuilder)builder).Host}:{((NpgsqlConnectionStringBuilder)builder).Port}",
            _ => $"sqlserver database '{((SqlConnectionStringBuilder)builder).InitialCatalog}' on {((SqlConnectionStringBuilder)builder).DataSource}",
        };
    }

    /// <summary>Points EF at this database with the provider's options (retries off: the store's writes are not idempotent).</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString).AddInterceptors(new SqlitePragmaInterceptor());
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString);
                break;
            default:
                options.UseSqlServer(ConnectionString);
                break;
        }
        return options;
    }

    /// <summary>The same, keeping the builder's context type.</summary>
    public DbContextOptionsBuilder<TContext> Configure<TContext>(DbContextOptionsBuilder<TContext> options)
        where TContext : DbContext
    {
        Configure((DbContextOptionsBuilder)options);
        return options;
    }

    /// <summary>A context of the provider's own migrations type (each provider has its migrations under db/&lt;provider&gt;/).</summary>
    public ExperimentHubDb CreateMigrationContext() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteStoreDb(Configure(new DbContextOptionsBuilder<SqliteStoreDb>()).Options),
        DatabaseProvider.Postgres => new PostgresStoreDb(Configure(new DbContextOptionsBuilder<PostgresStoreDb>()).Options),
        _ => new SqlServerStoreDb(Configure(new DbContextOptionsBuilder<SqlServerStoreDb>()).Options),
    };

    /// <summary>A plain connection of the provider's driver (not opened).</summary>
    public DbConnection CreateConnection() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(ConnectionString),
        _ => new SqlConnection(ConnectionString),
    };

    public static string Name(DatabaseProvider provider) => DatabaseOptions.Names.First(n => n.Value == provider).Key;

    /// <summary>The provider driver's reading of a connection string; throws (ArgumentException and the like) when it cannot.</summary>
    public static DbConnectionStringBuilder ConnectionStringBuilder(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(connectionString),
        DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(connectionString),
        _ => new SqlConnectionStringBuilder(connectionString),
    };
}
