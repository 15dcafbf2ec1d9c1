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
        ConnectionString = ConnectionStringFor(DatabasePath);
    }

    /// <summary>The connection string of the SQLite store at <paramref name="path"/>, the same for EF and raw connections.</summary>
    public static string ConnectionStringFor(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

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
