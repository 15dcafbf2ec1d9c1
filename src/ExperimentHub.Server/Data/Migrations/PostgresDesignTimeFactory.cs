using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ExperimentHub.Server.Data.Migrations;

/// <summary>For dotnet-ef (migrations add, migrations script): the postgres model, with a connection string it never opens.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStoreDb>
{
    public PostgresStoreDb CreateDbContext(string[] args) =>
        new(new StoreDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=experimenthub").Configure(new DbContextOptionsBuilder<PostgresStoreDb>()).Options);
}
