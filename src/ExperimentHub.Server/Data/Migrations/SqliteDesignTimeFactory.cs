using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ExperimentHub.Server.Data.Migrations;

/// <summary>For dotnet-ef (migrations add, migrations script): the sqlite model, with a connection string it never opens.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStoreDb>
{
    public SqliteStoreDb CreateDbContext(string[] args) =>
        new(new StoreDatabase(DatabaseProvider.Sqlite, "Data Source=experimenthub.db").Configure(new DbContextOptionsBuilder<SqliteStoreDb>()).Options);
}
