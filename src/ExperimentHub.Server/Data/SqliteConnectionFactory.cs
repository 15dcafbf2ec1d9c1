using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Data;

/// <summary>Opens raw connections to the store, with the same settings EF's get, for the bulk paths.</summary>
public sealed class SqliteConnectionFactory
{
    public SqliteConnectionFactory(IOptions<StoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DatabasePath = options.Value.DatabasePath;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
    }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqlitePragmas.ApplyAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
