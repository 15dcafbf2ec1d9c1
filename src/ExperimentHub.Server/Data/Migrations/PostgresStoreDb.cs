using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Migrations;

/// <summary>The store's model on postgres: the type its EF migrations (db/postgres/) belong to. The app itself uses <see cref="ExperimentHubDb"/>.</summary>
public sealed class PostgresStoreDb(DbContextOptions<PostgresStoreDb> options) : ExperimentHubDb(options);
