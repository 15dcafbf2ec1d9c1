using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ExperimentHub.Server.Tests.Data;

[Trait("Category", "SqliteOnly")]
public sealed class SchemaTests : IDisposable
{
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(LegacyStore.LastVersion)]
    public async Task Ef_model_and_migrated_schema_agree(int handWrittenVersion)
    {
        // 0: a new store; else one that the hand-written SQL made up to that version.
        if (handWrittenVersion > 0)
        {
            await LegacyStore.CreateAsync(_store.Connections.DatabasePath, upToVersion: handWrittenVersion);
        }
        await _store.MigrateAsync();
        await using var db = await _store.Contexts.CreateDbContextAsync();
        await using var connection = await _store.Connections.OpenAsync(CancellationToken.None);

        var problems = new List<string>();
        var modelTables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            modelTables.Add(table);
            var store = StoreObjectIdentifier.Table(table);

            var columns = Rows(connection, $"PRAGMA table_info({table})")
                .ToDictionary(r => (string)r["name"]!, r => r, StringComparer.Ordinal);
            if (columns.Count == 0)
            {
                problems.Add($"table {table} is missing");
                continue;
            }
            var modelColumns = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(store)!;
                modelColumns.Add(name);
                if (!columns.TryGetValue(name, out var column))
                {
                    problems.Add($"{table}.{name} is in the model, not in the schema");
                    continue;
                }
                var type = property.GetColumnType(store);
                if (!string.Equals((string)column["type"]!, type, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{table}.{name}: schema type {column["type"]}, model type {type}");
                }
                var schemaNullable = (long)column["notnull"]! == 0 && (long)column["pk"]! == 0;
                if (schemaNullable != property.IsColumnNullable(store))
                {
                    problems.Add($"{table}.{name}: schema nullable {schemaNullable}, model nullable {property.IsColumnNullable(store)}");
                }
            }
            problems.AddRange(columns.Keys.Where(c => !modelColumns.Contains(c)).Select(c => $"{table}.{c} is in the schema, not in the model"));

            var schemaKey = columns.Values.Where(c => (long)c["pk"]! > 0).OrderBy(c => (long)c["pk"]!).Select(c => (string)c["name"]!);
            var modelKey = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!);
            Compare(problems, $"{table} primary key", [string.Join(",", schemaKey)], [string.Join(",", modelKey)]);

            var schemaForeignKeys = Rows(connection, $"PRAGMA foreign_key_list({table})")
                .GroupBy(r => (long)r["id"]!)
                .Select(g => $"{string.Join(",", g.OrderBy(r => (long)r["seq"]!).Select(r => r["from"]))}->{g.First()["table"]} {g.First()["on_delete"]}");
            var modelForeignKeys = entity.GetForeignKeys().Select(fk =>
                $"{string.Join(",", fk.Properties.Select(p => p.GetColumnName(store)))}->{fk.PrincipalEntityType.GetTableName()} {OnDelete(fk.DeleteBehavior)}");
            Compare(problems, $"{table} foreign keys", schemaForeignKeys, modelForeignKeys);

            var schemaIndexes = Rows(connection, $"PRAGMA index_list({table})")
                .Where(r => (string)r["origin"]! != "pk")
                .Select(r => $"{string.Join(",", Rows(connection, $"PRAGMA index_info({r["name"]})").OrderBy(c => (long)c["seqno"]!).Select(c => c["name"]))}{((long)r["unique"]! == 1 ? " unique" : "")}");
            var modelIndexes = entity.GetIndexes().Select(i =>
                $"{string.Join(",", i.Properties.Select(p => p.GetColumnName(store)))}{(i.IsUnique ? " unique" : "")}");
            Compare(problems, $"{table} indexes", schemaIndexes, modelIndexes);
        }

        var schemaTables = Rows(connection,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' AND name <> 'schema_version_before_ef'")
            .Select(r => (string)r["name"]!);
        Compare(problems, "tables", schemaTables, modelTables);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Migrations_are_applied_once_and_a_restart_is_a_no_op()
    {
        var first = await _store.MigrateAsync();
        Assert.Equal(RepositoryPaths.EfMigrations("sqlite"), first);
        Assert.Empty(await _store.MigrateAsync());

        await using var connection = await _store.Connections.OpenAsync(CancellationToken.None);
        var applied = Rows(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId").Select(r => (string)r["MigrationId"]!).ToList();
        Assert.Equal(RepositoryPaths.EfMigrations("sqlite"), applied);
        Assert.Equal("wal", Rows(connection, "PRAGMA journal_mode").Single()["journal_mode"]);
        Assert.Equal(1L, Rows(connection, "PRAGMA foreign_keys").Single()["foreign_keys"]);
        Assert.Equal(30000L, Rows(connection, "PRAGMA busy_timeout").Single().Values.Single());
    }

    [Fact]
    public async Task Servers_starting_at_once_migrate_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new StoreMigrator(_store.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreMigrator>.Instance, TimeProvider.System).MigrateAsync(CancellationToken.None))));

        await using var connection = await _store.Connections.OpenAsync(CancellationToken.None);
        var applied = Rows(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId").Select(r => (string)r["MigrationId"]!);
        Assert.Equal(RepositoryPaths.EfMigrations("sqlite"), applied);
        Assert.Empty(await _store.MigrateAsync());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(LegacyStore.LastVersion)]
    public async Task A_store_made_by_the_hand_written_sql_is_taken_over_with_its_data(int handWrittenVersion)
    {
        await LegacyStore.CreateAsync(_store.Connections.DatabasePath, withData: true, upToVersion: handWrittenVersion);

        var applied = await _store.MigrateAsync();

        // It gets the hand-written files it lacked; then its schema is the first migration's: the history records that
        // one without running it, and the later ones run as on any store.
        Assert.Equal(RepositoryPaths.EfMigrations("sqlite").Skip(1), applied);
        Assert.Empty(await _store.MigrateAsync());
        await using (var connection = await _store.Connections.OpenAsync(CancellationToken.None))
        {
            var handWritten = Rows(connection, "SELECT version FROM schema_version_before_ef ORDER BY version").Select(r => (long)r["version"]!);
            var shipped = RepositoryPaths.LegacySqliteMigrations.Select(f => long.Parse(Path.GetFileName(f)[..4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(shipped.Where(v => v <= LegacyStore.LastVersion), handWritten);
            var history = Rows(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId").Select(r => (string)r["MigrationId"]!);
            Assert.Equal(RepositoryPaths.EfMigrations("sqlite"), history);
        }
        var project = await _store.Projects.FindAsync("legacy", CancellationToken.None);
        Assert.NotNull(project);
        var run = await _store.Runs.FindAsync(LegacyStore.RunId, CancellationToken.None);
        Assert.NotNull(run);
        var series = await _store.Series.ReadSeriesAsync(run.Id, "loss", 100, CancellationToken.None);
        Assert.Equal([0.5, 0.25], series!.Points.Select(p => p.Value));
        var created = await _store.Runs.CreateAsync(project.Id, "after", "{}", CancellationToken.None);
        Assert.True(created.Run.Id > run.Id);
        await _store.Ingest.IngestAsync(created.Run.Id, [new MetricPointInput("loss", 1, 0.1)], CancellationToken.None);
    }

    [Fact]
    public async Task A_hand_written_store_of_an_unknown_version_is_refused_by_name()
    {
        await LegacyStore.CreateAsync(_store.Connections.DatabasePath);
        await using (var connection = await _store.Connections.OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_version VALUES (99, '0099_future', 0)";
            await command.ExecuteNonQueryAsync();
        }
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.MigrateAsync());
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ef_connections_get_the_same_pragmas()
    {
        await _store.MigrateAsync();
        await using var db = await _store.Contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal(1L, Rows(connection, "PRAGMA foreign_keys").Single()["foreign_keys"]);
        Assert.Equal(30000L, Rows(connection, "PRAGMA busy_timeout").Single().Values.Single());
    }

    private static string OnDelete(DeleteBehavior behavior) => behavior switch
    {
        DeleteBehavior.Cascade or DeleteBehavior.ClientCascade => "CASCADE",
        DeleteBehavior.SetNull => "SET NULL",
        _ => "NO ACTION",
    };

    private static void Compare(List<string> problems, string what, IEnumerable<string> schema, IEnumerable<string> model)
    {
        var s = schema.Order(StringComparer.Ordinal).ToList();
        var m = model.Order(StringComparer.Ordinal).ToList();
        if (!s.SequenceEqual(m))
        {
            problems.Add($"{what}: schema [{string.Join("; ", s)}], model [{string.Join("; ", m)}]");
        }
    }

    private static List<Dictionary<string, object?>> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
