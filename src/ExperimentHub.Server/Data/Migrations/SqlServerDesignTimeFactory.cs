using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ExperimentHub.Server.Data.Migrations;

/// <summary>For dotnet-ef (migrations add, migrations script): the sqlserver model, with a connection string it never opens.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerStoreDb>
{
    public SqlServerStoreDb CreateDbContext(string[] args) =>
        new(new StoreDatabase(DatabaseProvider.SqlServer, "Server=localhost;Database=experimenthub;TrustServerCertificate=true").Configure(new DbContextOptionsBuilder<SqlServerStoreDb>()).Options);
}
