using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Data;

/// <summary>
/// SQLite stores made before EF migrations: their schema came from the hand-written db/migrations/NNNN_name.sql,
/// recorded in <c>schema_version</c>. Such a store first gets the hand-written files it lacks, up to
/// <see cref="LastHandWrittenVersion"/> (they are built into this assembly), then is baselined once: the EF migrations
/// whose schema it now has are recorded as applied (without running them), and EF applies the rest.
/// </summary>
public static class LegacySqliteSchema
{
    /// <summary>The last hand-written version that builds carried before the EF migrations took over.</summary>
    public const int LastHandWrittenVersion = 9;

    private const string ResourcePrefix = "legacy-sqlite/";

    /// <summary>
    /// For each highest hand-written version a store may carry once caught up, the name (without its time stamp) of
    /// the last SQLite EF migration whose schema equals it.
    /// When hand-written files are folded into the model (eng/db-migration.sh), add their highest version here.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, string> Baselines = new Dictionary<int, string>
    {
        [LastHandWrittenVersion] = "InitialCreate",
        // db/migrations/0010_agent_owner.sql (issue 17's agent keys), folded in as AgentOwner.
        [10] = "AgentOwner",
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

    /// <summary>
    /// Applies the hand-written files up to <see cref="LastHandWrittenVersion"/> that the store has not recorded, in
    /// order, in the caller's transaction (a failure leaves the store as it was); returns the versions applied.
    /// </summary>
    public static async Task<IReadOnlyList<int>> CatchUpAsync(SqliteConnection connection, SqliteTransaction transaction, long appliedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var recorded = new HashSet<int>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT version FROM schema_version";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                recorded.Add(reader.GetInt32(0));
            }
        }
        var applied = new List<int>();
        foreach (var (version, name) in HandWritten().Where(m => !recorded.Contains(m.Version)))
        {
            await using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = await ReadAsync(name, cancellationToken);
            try
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException e)
            {
                throw new InvalidOperationException($"the hand-written migration {name}.sql failed on this store: {e.Message}", e);
            }
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $t)";
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$n", name);
            record.Parameters.AddWithValue("$t", appliedAt);
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(version);
        }
        return applied;
    }

    /// <summary>The hand-written files built into this assembly, by version.</summary>
    private static List<(int Version, string Name)> HandWritten() => typeof(LegacySqliteSchema).Assembly.GetManifestResourceNames()
        .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal))
        .Select(r => r[ResourcePrefix.Length..^".sql".Length])
        .Select(name => (Version: int.Parse(name[..4], CultureInfo.InvariantCulture), Name: name))
        .Where(m => m.Version <= LastHandWrittenVersion)
        .OrderBy(m => m.Version)
        .ToList();

    private static async Task<string> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var stream = typeof(LegacySqliteSchema).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".sql")!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
