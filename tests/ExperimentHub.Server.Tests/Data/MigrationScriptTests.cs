using ExperimentHub.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ExperimentHub.Server.Tests.Data;

/// <summary>
/// Every provider's checked-in migrations cover the model (no pending model change) and its checked-in script under
/// db/&lt;provider&gt;/ is the one those migrations generate: SQL Server's, which no test here can run, included.
/// </summary>
public sealed class MigrationScriptTests
{
    public static TheoryData<DatabaseProvider, string> Providers() => new()
    {
        { DatabaseProvider.Sqlite, "Data Source=unused.db" },
        { DatabaseProvider.Postgres, "Host=localhost;Database=unused" },
        { DatabaseProvider.SqlServer, "Server=localhost;Database=unused;TrustServerCertificate=true" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_cover_the_model(DatabaseProvider provider, string connectionString)
    {
        using var db = new StoreDatabase(provider, connectionString).CreateMigrationContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"the {StoreDatabase.Name(provider)} migrations lag behind the model: run ./eng/db-migration.sh NAME");
        Assert.Equal(RepositoryPaths.EfMigrations(StoreDatabase.Name(provider)), db.Database.GetMigrations());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_checked_in_script_is_the_one_the_migrations_generate(DatabaseProvider provider, string connectionString)
    {
        using var db = new StoreDatabase(provider, connectionString).CreateMigrationContext();
        var options = provider == DatabaseProvider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var generated = db.GetService<IMigrator>().GenerateScript(options: options);
        var checkedIn = File.ReadAllText(RepositoryPaths.Combine("db", StoreDatabase.Name(provider), "migrate.sql"));
        Assert.True(Normalise(generated) == Normalise(checkedIn),
            $"db/{StoreDatabase.Name(provider)}/migrate.sql is not what the migrations generate: run ./eng/db-migration.sh --scripts-only");
    }

    private static string Normalise(string script) => script.ReplaceLineEndings("\n").Trim();
}
