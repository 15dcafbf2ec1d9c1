using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Migrations;

/// <summary>The store's model on sqlite: the type its EF migrations (db/sqlite/) belong to. The app itself uses <see cref="ExperimentHubDb"/>.</summary>
public sealed class SqliteStoreDb(DbContextOptions<SqliteStoreDb> options) : ExperimentHubDb(options);
