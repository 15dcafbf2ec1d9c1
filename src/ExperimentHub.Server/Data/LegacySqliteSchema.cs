using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Data;

/// <summary>
/// SQLite stores made before EF migrations: their schema came from the hand-written db/migrations/NNNN_name.sql,
/// recorded in <c>schema_version</c>. Such a store is baselined once: the EF migrations whose schema it already has
/// are recorded as applied (without running them), and EF applies the rest.
/// </summary>
public static class LegacySqliteSchema
{
    /// <summary>
    /// For each highest hand-written version a store may carry, the name (without its time stamp) of the last SQLite
    /// EF migration whose schema equals it.
    /// When hand-written files are folded into the model (eng/db-migration.sh), add their highest version here.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, string> Baselines = new Dictionary<int, string>
    {
        [3] = "InitialCreate",
    };

    /// <summary>The highest hand-written version of the store, or null when it has none (a new or an EF-made store).</summary>
    public static async Task<int?> VersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return null;
        }
        await using var version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "SELECT max(version) FROM schema_version";
        return await version.ExecuteScalarAsync(cancellationToken) is long v ? (int)v : null;
    }
}
