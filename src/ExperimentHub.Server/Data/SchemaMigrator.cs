using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Data;

/// <summary>
/// Applies db/migrations/NNNN_name.sql in order, each once, recording them in <c>schema_version</c>. All pending
/// files go in one IMMEDIATE transaction, so a failed migration leaves the store as it was and two processes
/// starting at once do not both migrate.
/// </summary>
public sealed partial class SchemaMigrator(SqliteConnectionFactory connections, ILogger<SchemaMigrator> logger, TimeProvider time)
{
    /// <summary>Where the build copies db/migrations (see the server's csproj).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "db", "migrations");

    /// <summary>Applies what is pending; returns the versions applied now (empty when the store was up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(string directory, CancellationToken cancellationToken)
    {
        var migrations = ReadMigrations(directory);
        OwnerOnlyFiles.PrepareDatabase(connections.DatabasePath);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);",
            cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var applied = new HashSet<int>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT version FROM schema_version";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }
        var unknown = applied.Where(v => migrations.All(m => m.Version != v)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"the store at {connections.DatabasePath} has schema versions {string.Join(", ", unknown)} that {directory} lacks: it was made by a newer ExperimentHub");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var done = new List<int>();
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            try
            {
                await ExecuteAsync(connection, transaction, await File.ReadAllTextAsync(migration.File, cancellationToken), cancellationToken);
            }
            catch (SqliteException ex)
            {
                throw new InvalidOperationException($"migration {Path.GetFileName(migration.File)} failed: {ex.Message}", ex);
            }
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $t)";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$n", migration.Name);
            record.Parameters.AddWithValue("$t", now);
            await record.ExecuteNonQueryAsync(cancellationToken);
            done.Add(migration.Version);
        }
        await transaction.CommitAsync(cancellationToken);
        if (done.Count > 0)
        {
            logger.LogInformation("Applied schema migrations {Versions} to {Database}", string.Join(", ", done), connections.DatabasePath);
        }
        return done;
    }

    internal static IReadOnlyList<(int Version, string Name, string File)> ReadMigrations(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"the schema migrations folder {directory} does not exist");
        }
        var list = new List<(int Version, string Name, string File)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.sql"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var match = MigrationName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"migration file {Path.GetFileName(file)} is not named NNNN_name.sql");
            }
            list.Add((int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, file));
        }
        var duplicate = list.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two migrations have version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        }
        if (list.Count == 0)
        {
            throw new InvalidOperationException($"the schema migrations folder {directory} holds no NNNN_name.sql file");
        }
        return list.OrderBy(m => m.Version).ToList();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex("^([0-9]{4})_[A-Za-z0-9_]+$")]
    private static partial Regex MigrationName();
}
