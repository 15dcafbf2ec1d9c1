using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.SqlClient;

namespace ExperimentHub.Testing.Databases;

/// <summary>
/// The database the store, API and dispatch suites run on: SQLite (the default), or the provider that
/// EXPERIMENTHUB_TEST_PROVIDER names (postgres: the run's throw-away cluster; sqlserver: the server that
/// EXPERIMENTHUB_TEST_SQLSERVER's connection string reaches). eng/test.sh runs those suites once per provider, with the
/// same assertions. Each data folder gets a database of its own, the same one again when a server restarts on it.
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "EXPERIMENTHUB_TEST_PROVIDER";
    public const string SqlServerVariable = "EXPERIMENTHUB_TEST_SQLSERVER";

    /// <summary>sqlite, postgres or sqlserver.</summary>
    public static string Provider => Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } name ? name.ToLowerInvariant() : "sqlite";

    public static bool IsSqlite => Provider == "sqlite";

    /// <summary>The settings that put a server with data folder <paramref name="dataDir"/> on the provider (none for SQLite).</summary>
    public static IReadOnlyDictionary<string, string> SettingsFor(string dataDir)
    {
        if (IsSqlite)
        {
            return new Dictionary<string, string>();
        }
        return new Dictionary<string, string>
        {
            ["ExperimentHub:Database:Provider"] = Provider,
            ["ExperimentHub:Database:ConnectionString"] = ConnectionStringFor(dataDir),
        };
    }

    /// <summary>The connection string of the data folder's database on a server provider (created when missing).</summary>
    public static string ConnectionStringFor(string dataDir)
    {
        var name = "ehub_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..16];
        return Provider switch
        {
            // On the thread pool: callers are synchronous (a host's configuration) and may run on xunit's context.
            "postgres" => Task.Run(async () => await (await PostgresCluster.SharedAsync()).DatabaseAsync(name)).GetAwaiter().GetResult(),
            "sqlserver" => SqlServerDatabase(name),
            _ => throw new InvalidOperationException($"{ProviderVariable}={Provider} is not one of sqlite, postgres, sqlserver"),
        };
    }

    private static string SqlServerDatabase(string name)
    {
        var server = Environment.GetEnvironmentVariable(SqlServerVariable)
            ?? throw new InvalidOperationException($"{ProviderVariable}=sqlserver needs {SqlServerVariable}, a connection string to a SQL Server");
        using (var admin = new SqlConnection(new SqlConnectionStringBuilder(server) { InitialCatalog = "master" }.ToString()))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = "DECLARE @create nvarchar(300) = N'CREATE DATABASE ' + QUOTENAME(@name); IF DB_ID(@name) IS NULL EXEC sp_executesql @create";
            create.Parameters.AddWithValue("@name", name);
            create.ExecuteNonQuery();
        }
        return new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ToString();
    }
}
