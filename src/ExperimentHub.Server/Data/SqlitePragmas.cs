using System.Data.Common;

namespace ExperimentHub.Server.Data;

/// <summary>The per-connection settings every connection gets, from EF or raw (WAL itself is set once, in the file).</summary>
internal static class SqlitePragmas
{
    // busy_timeout: writers queue behind each other instead of failing; synchronous=NORMAL is durable enough with WAL
    // (a power cut may lose the last commits, never the file); mmap speeds up long series scans.
    public const string PerConnection =
        "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 268435456;";

    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PerConnection;
        command.ExecuteNonQuery();
    }

    public static async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PerConnection;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
