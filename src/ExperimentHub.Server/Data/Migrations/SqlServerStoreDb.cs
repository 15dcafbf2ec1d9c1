using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Migrations;

/// <summary>The store's model on sqlserver: the type its EF migrations (db/sqlserver/) belong to. The app itself uses <see cref="ExperimentHubDb"/>.</summary>
public sealed class SqlServerStoreDb(DbContextOptions<SqlServerStoreDb> options) : ExperimentHubDb(options);
