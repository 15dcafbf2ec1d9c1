using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>
/// A SQLite store as builds before EF migrations made it: the hand-written db/migrations/*.sql applied in order up to
/// a version and recorded in schema_version, optionally with a project, a run and two metric points.
/// </summary>
internal static class LegacyStore
{
    public const long RunId = 1;

    /// <summary>The last hand-written version builds before EF migrations shipped.</summary>
    public const int LastVersion = 9;

    public static async Task CreateAsync(string path, bool withData = false, int upToVersion = LastVersion)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL; CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);");
        foreach (var file in RepositoryPaths.LegacySqliteMigrations)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (int.Parse(name[..4], CultureInfo.InvariantCulture) > upToVersion)
            {
                break;
            }
            await ExecuteAsync(connection, await File.ReadAllTextAsync(file));
            await ExecuteAsync(connection, $"INSERT INTO schema_version VALUES ({int.Parse(name[..4], CultureInfo.InvariantCulture)}, '{name}', 0)");
        }
        if (withData)
        {
            await ExecuteAsync(connection, """
                INSERT INTO projects (id, key, name, created_at) VALUES (1, 'legacy', 'Legacy', 1000);
                INSERT INTO runs (id, project_id, name, status, params_json, summary_json, created_at, attempt) VALUES (1, 1, 'old', 'completed', '{}', '{}', 1000, 0);
                INSERT INTO metric_points VALUES (1, 'loss', 1, 0.5, 1000), (1, 'loss', 2, 0.25, 1001);
                INSERT INTO metric_summaries VALUES (1, 'loss', 2, 2, 0.25, 0.25, 0.5, 1001);
                INSERT INTO metric_blocks (run_id, key, block, count, min_step, min_value, min_timestamp, max_step, max_value, max_timestamp)
                    VALUES (1, 'loss', 0, 2, 2, 0.25, 1001, 1, 0.5, 1000);
                """);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
