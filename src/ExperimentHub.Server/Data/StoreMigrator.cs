using ExperimentHub.Server.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ExperimentHub.Server.Data;

/// <summary>
/// Brings the store to the model's schema with the provider's EF migrations (db/&lt;provider&gt;/). EF holds a
/// migration lock while it migrates (a table on SQLite, an advisory lock on PostgreSQL, an app lock on SQL Server), so
/// servers starting at once migrate once. A SQLite store made by the hand-written SQL is caught up to the last
/// hand-written version and baselined first (<see cref="LegacySqliteSchema"/>).
/// </summary>
public sealed class StoreMigrator(StoreDatabase database, ILogger<StoreMigrator> logger, TimeProvider time)
{
    /// <summary>Applies what is pending; returns what was pending when it started (empty when the store was up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateMigrationContext();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await PrepareSqliteAsync(db, cancellationToken);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Applied schema migrations {Migrations} to the {Database}", string.Join(", ", pending), database.Describe());
        }
        return pending;
    }

    /// <summary>Every migration the build knows, in order (what a fresh store ends up with).</summary>
    public IReadOnlyList<string> Known()
    {
        using var db = database.CreateMigrationContext();
        return db.Database.GetMigrations().ToList();
    }

    private async Task PrepareSqliteAsync(ExperimentHubDb db, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        OwnerOnlyFiles.PrepareDatabase(path);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await SqlitePragmas.ApplyAsync(connection, cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        // IMMEDIATE: a second server starting at once waits here, then finds the baseline written.
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (await LegacySqliteSchema.VersionAsync(connection, transaction, cancellationToken) is not { } version)
        {
            return;
        }
        if (version <= LegacySqliteSchema.LastHandWrittenVersion)
        {
            // A store of an older build: the hand-written files it lacks first, so that its schema is a baseline's.
            var caughtUp = await LegacySqliteSchema.CatchUpAsync(connection, transaction, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            if (caughtUp.Count > 0)
            {
                logger.LogInformation("Store {Path}: applied the hand-written schema versions {Versions}", path, string.Join(", ", caughtUp));
            }
            version = await LegacySqliteSchema.VersionAsync(connection, transaction, cancellationToken) ?? version;
        }
        if (!LegacySqliteSchema.Baselines.TryGetValue(version, out var last))
        {
            throw new InvalidOperationException(
                $"the store at {path} has the hand-written schema version {version}, which this build cannot take over (it knows versions {string.Join(", ", LegacySqliteSchema.Baselines.Keys)})");
        }
        var migrations = db.Database.GetMigrations().ToList();
        var upTo = migrations.FindIndex(id => id.EndsWith("_" + last, StringComparison.Ordinal));
        if (upTo < 0)
        {
            throw new InvalidOperationException($"the baseline migration {last} is not among the SQLite migrations of this build");
        }
        var history = db.GetService<IHistoryRepository>();
        var product = ProductInfo.GetVersion();
        var sql = history.GetCreateIfNotExistsScript() + ";\n" + string.Concat(migrations.Take(upTo + 1)
            .Select(id => history.GetInsertScript(new HistoryRow(id, product)).Replace("INSERT INTO", "INSERT OR IGNORE INTO", StringComparison.Ordinal)));
        await using (var baseline = connection.CreateCommand())
        {
            baseline.Transaction = transaction;
            baseline.CommandText = sql + "\nALTER TABLE schema_version RENAME TO schema_version_before_ef;";
            await baseline.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Store {Path}: hand-written schema version {Version} taken over as EF migration {Migration}", path, version, last);
    }
}
