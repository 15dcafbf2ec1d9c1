using System.Globalization;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ExperimentHub.Server.Data.Copy;

/// <summary>
/// Copies a store to another database, everything in it: users, project members, keys, projects, sweeps, runs,
/// agents, artifact references, compute instances, notification deliveries, setup tokens, the audit log, metric
/// summaries, blocks and points. Resumable: each table is copied in key order in chunks, each chunk
/// in its own transaction, so the target always holds a prefix of every table and a second run continues after the
/// last row it finds there, with no duplicates. The counts of both stores are compared at the end.
/// </summary>
public sealed class StoreCopier(StoreDatabase source, StoreDatabase target, int chunkSize = 10_000)
{
    /// <summary>Called after each committed chunk with the table and the rows it now holds in the target.</summary>
    public Action<string, long>? Progress { get; init; }

    /// <summary>Migrates the target, copies what it lacks, and returns each table's counts (source, target).</summary>
    public async Task<IReadOnlyList<TableCount>> CopyAsync(CancellationToken cancellationToken)
    {
        if (source.Provider == target.Provider && string.Equals(source.ConnectionString, target.ConnectionString, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the target is the source store itself");
        }
        // The source too: a store of an older build gets the schema this build reads (as the server would at start).
        await new StoreMigrator(source, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreMigrator>.Instance, TimeProvider.System).MigrateAsync(cancellationToken);
        await new StoreMigrator(target, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreMigrator>.Instance, TimeProvider.System).MigrateAsync(cancellationToken);

        // Parents before the rows that name them.
        await CopyByIdAsync(db => db.Users, "users", cancellationToken);
        await CopyByIdAsync(db => db.Projects, "projects", cancellationToken);
        await CopyMembersAsync(cancellationToken);
        await CopyByIdAsync(db => db.Sweeps, "sweeps", cancellationToken);
        await CopyByIdAsync(db => db.Runs, "runs", cancellationToken);
        await CopyByIdAsync(db => db.ApiKeys, "api_keys", cancellationToken);
        await CopyByIdAsync(db => db.Artifacts, "artifacts", cancellationToken);
        await CopyAgentsAsync(cancellationToken);
        await CopyByIdAsync(db => db.ComputeInstances, "compute_instances", cancellationToken);
        await CopyByIdAsync(db => db.NotificationDeliveries, "notification_deliveries", cancellationToken);
        await CopyByIdAsync(db => db.SetupTokens, "setup_tokens", cancellationToken);
        await CopyByIdAsync(db => db.AuditEvents, "audit_events", cancellationToken);
        await CopyByRunKeyAsync<MetricSummary>("metric_summaries", null, s => (s.RunId, s.Key, 0L), cancellationToken);
        await CopyByRunKeyAsync<MetricBlock>("metric_blocks", nameof(MetricBlock.Block), b => (b.RunId, b.Key, b.Block), cancellationToken);
        await CopyByRunKeyAsync<MetricPoint>("metric_points", nameof(MetricPoint.Step), p => (p.RunId, p.Key, p.Step), cancellationToken);
        await ResetIdentitiesAsync(cancellationToken);
        return await CountAsync(cancellationToken);
    }

    /// <summary>Each table's rows in the source and in the target.</summary>
    public async Task<IReadOnlyList<TableCount>> CountAsync(CancellationToken cancellationToken)
    {
        await using var from = Context(source);
        await using var to = Context(target);
        return
        [
            new("users", await from.Users.LongCountAsync(cancellationToken), await to.Users.LongCountAsync(cancellationToken)),
            new("projects", await from.Projects.LongCountAsync(cancellationToken), await to.Projects.LongCountAsync(cancellationToken)),
            new("project_members", await from.ProjectMembers.LongCountAsync(cancellationToken), await to.ProjectMembers.LongCountAsync(cancellationToken)),
            new("sweeps", await from.Sweeps.LongCountAsync(cancellationToken), await to.Sweeps.LongCountAsync(cancellationToken)),
            new("runs", await from.Runs.LongCountAsync(cancellationToken), await to.Runs.LongCountAsync(cancellationToken)),
            new("api_keys", await from.ApiKeys.LongCountAsync(cancellationToken), await to.ApiKeys.LongCountAsync(cancellationToken)),
            new("artifacts", await from.Artifacts.LongCountAsync(cancellationToken), await to.Artifacts.LongCountAsync(cancellationToken)),
            new("agents", await from.Agents.LongCountAsync(cancellationToken), await to.Agents.LongCountAsync(cancellationToken)),
            new("compute_instances", await from.ComputeInstances.LongCountAsync(cancellationToken), await to.ComputeInstances.LongCountAsync(cancellationToken)),
            new("notification_deliveries", await from.NotificationDeliveries.LongCountAsync(cancellationToken), await to.NotificationDeliveries.LongCountAsync(cancellationToken)),
            new("setup_tokens", await from.SetupTokens.LongCountAsync(cancellationToken), await to.SetupTokens.LongCountAsync(cancellationToken)),
            new("audit_events", await from.AuditEvents.LongCountAsync(cancellationToken), await to.AuditEvents.LongCountAsync(cancellationToken)),
            new("metric_summaries", await from.MetricSummaries.LongCountAsync(cancellationToken), await to.MetricSummaries.LongCountAsync(cancellationToken)),
            new("metric_blocks", await from.MetricBlocks.LongCountAsync(cancellationToken), await to.MetricBlocks.LongCountAsync(cancellationToken)),
            new("metric_points", await from.MetricPoints.LongCountAsync(cancellationToken), await to.MetricPoints.LongCountAsync(cancellationToken)),
        ];
    }

    private static ExperimentHubDb Context(StoreDatabase database)
    {
        var db = new ExperimentHubDb(database.Configure(new DbContextOptionsBuilder<ExperimentHubDb>()).Options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return db;
    }

    /// <summary>A table keyed by a generated id: the rows past the target's highest id, in id order, ids kept.</summary>
    private async Task CopyByIdAsync<T>(Func<ExperimentHubDb, DbSet<T>> table, string name, CancellationToken cancellationToken)
        where T : class
    {
        long last;
        await using (var to = Context(target))
        {
            last = await table(to).MaxAsync(e => (long?)EF.Property<long>(e, "Id"), cancellationToken) ?? 0;
        }
        await using var from = Context(source);
        while (true)
        {
            var rows = await table(from).AsNoTracking().Where(e => EF.Property<long>(e, "Id") > last)
                .OrderBy(e => EF.Property<long>(e, "Id")).Take(chunkSize).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return;
            }
            await using (var to = Context(target))
            {
                await using var transaction = await to.Database.BeginTransactionAsync(cancellationToken);
                // Ids are kept (tokens, links and references name them): SQL Server wants that said per table (a name of ours).
                var (identityOn, identityOff) = ($"SET IDENTITY_INSERT {name} ON", $"SET IDENTITY_INSERT {name} OFF");
                if (target.Provider == DatabaseProvider.SqlServer)
                {
                    await to.Database.ExecuteSqlRawAsync(identityOn, cancellationToken);
                }
                table(to).AddRange(rows);
                await to.SaveChangesAsync(cancellationToken);
                if (target.Provider == DatabaseProvider.SqlServer)
                {
                    await to.Database.ExecuteSqlRawAsync(identityOff, cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            }
            last = (long)typeof(T).GetProperty("Id")!.GetValue(rows[^1])!;
            Progress?.Invoke(name, last);
        }
    }

    private async Task CopyAgentsAsync(CancellationToken cancellationToken)
    {
        await using var from = Context(source);
        await using var to = Context(target);
        var present = (await to.Agents.Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var missing = (await from.Agents.AsNoTracking().ToListAsync(cancellationToken)).Where(a => !present.Contains(a.Id)).ToList();
        to.Agents.AddRange(missing);
        await to.SaveChangesAsync(cancellationToken);
        Progress?.Invoke("agents", present.Count + missing.Count);
    }

    /// <summary>Project members, keyed by (project, user): the pairs the target lacks (a small table).</summary>
    private async Task CopyMembersAsync(CancellationToken cancellationToken)
    {
        await using var from = Context(source);
        await using var to = Context(target);
        var present = (await to.ProjectMembers.Select(m => new { m.ProjectId, m.UserId }).ToListAsync(cancellationToken))
            .Select(m => (m.ProjectId, m.UserId)).ToHashSet();
        var missing = (await from.ProjectMembers.AsNoTracking().ToListAsync(cancellationToken)).Where(m => !present.Contains((m.ProjectId, m.UserId))).ToList();
        to.ProjectMembers.AddRange(missing);
        await to.SaveChangesAsync(cancellationToken);
        Progress?.Invoke("project_members", present.Count + missing.Count);
    }

    /// <summary>
    /// A table keyed by (run, key, third): the rows past the target's last one in the source's order (SQLite compares
    /// keys byte by byte), so a copy cut off between chunks continues where it stopped.
    /// </summary>
    private async Task CopyByRunKeyAsync<T>(string name, string? third, Func<T, (long Run, string Key, long Third)> keyOf, CancellationToken cancellationToken)
        where T : class
    {
        (long Run, string Key, long Third)? last = await LastCopiedAsync<T>(cancellationToken);
        long copied = 0;
        await using var from = Context(source);
        while (true)
        {
            var rows = await NextChunkAsync(from.Set<T>().AsNoTracking(), third, last, cancellationToken);
            if (rows.Count == 0)
            {
                return;
            }
            await using (var to = Context(target))
            {
                await using var transaction = await to.Database.BeginTransactionAsync(cancellationToken);
                if (rows is List<MetricPoint> points && to.Database.GetDbConnection() is NpgsqlConnection connection)
                {
                    await CopyPointsAsync(connection, points, cancellationToken);
                }
                else
                {
                    to.Set<T>().AddRange(rows);
                    await to.SaveChangesAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            }
            last = keyOf(rows[^1]);
            copied += rows.Count;
            Progress?.Invoke(name, copied);
        }
    }

    /// <summary>
    /// The next rows after <paramref name="last"/> in (run, key, third) order, as up to three range scans of the primary
    /// key (the rest of the key, the rest of the run, the runs after it): one OR of the three would scan the table.
    /// </summary>
    private async Task<List<T>> NextChunkAsync<T>(IQueryable<T> set, string? third, (long Run, string Key, long Third)? last, CancellationToken cancellationToken)
        where T : class
    {
        IQueryable<T> Ordered(IQueryable<T> query)
        {
            var ordered = query.OrderBy(e => EF.Property<long>(e, "RunId")).ThenBy(e => EF.Property<string>(e, "Key"));
            return (third is null ? ordered : ordered.ThenBy(e => EF.Property<long>(e, third))).AsQueryable();
        }
        if (last is not { } l)
        {
            return await Ordered(set).Take(chunkSize).ToListAsync(cancellationToken);
        }
        var rows = new List<T>();
        if (third is not null)
        {
            rows.AddRange(await Ordered(set.Where(e => EF.Property<long>(e, "RunId") == l.Run && EF.Property<string>(e, "Key") == l.Key && EF.Property<long>(e, third) > l.Third))
                .Take(chunkSize).ToListAsync(cancellationToken));
        }
        if (rows.Count < chunkSize)
        {
            rows.AddRange(await Ordered(set.Where(e => EF.Property<long>(e, "RunId") == l.Run && string.Compare(EF.Property<string>(e, "Key"), l.Key) > 0))
                .Take(chunkSize - rows.Count).ToListAsync(cancellationToken));
        }
        if (rows.Count < chunkSize)
        {
            rows.AddRange(await Ordered(set.Where(e => EF.Property<long>(e, "RunId") > l.Run)).Take(chunkSize - rows.Count).ToListAsync(cancellationToken));
        }
        return rows;
    }

    /// <summary>The target's last row of a (run, key, third) table in the source's order: the highest run, its byte-wise last key, that key's highest third.</summary>
    private async Task<(long, string, long)?> LastCopiedAsync<T>(CancellationToken cancellationToken)
        where T : class
    {
        await using var to = Context(target);
        var set = to.Set<T>().AsNoTracking();
        if (await set.MaxAsync(e => (long?)EF.Property<long>(e, "RunId"), cancellationToken) is not { } run)
        {
            return null;
        }
        var keys = await set.Where(e => EF.Property<long>(e, "RunId") == run).Select(e => EF.Property<string>(e, "Key")).Distinct().ToListAsync(cancellationToken);
        var key = keys.Max(StringComparer.Ordinal)!;
        var rows = set.Where(e => EF.Property<long>(e, "RunId") == run && EF.Property<string>(e, "Key") == key);
        var third = typeof(T) == typeof(MetricPoint) ? await rows.MaxAsync(e => EF.Property<long>(e, "Step"), cancellationToken)
            : typeof(T) == typeof(MetricBlock) ? await rows.MaxAsync(e => EF.Property<long>(e, "Block"), cancellationToken)
            : 0L;
        return (run, key, third);
    }

    /// <summary>PostgreSQL: metric points through binary COPY, the bulk of any store.</summary>
    private static async Task CopyPointsAsync(NpgsqlConnection connection, List<MetricPoint> points, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY metric_points (run_id, \"key\", step, value, \"timestamp\") FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var p in points)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(p.RunId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(p.Key, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(p.Step, NpgsqlDbType.Bigint, cancellationToken);
            if (p.StoredValue is { } value)
            {
                await copy.WriteAsync(value, NpgsqlDbType.Double, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }
            await copy.WriteAsync(p.Timestamp.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Rows came with their ids: PostgreSQL's identity sequences continue after the highest (SQL Server's do by themselves).</summary>
    private async Task ResetIdentitiesAsync(CancellationToken cancellationToken)
    {
        if (target.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        await using var to = Context(target);
        foreach (var table in new[] { "users", "projects", "sweeps", "runs", "api_keys", "artifacts", "compute_instances", "notification_deliveries", "setup_tokens", "audit_events" })
        {
            await to.Database.ExecuteSqlRawAsync(string.Create(CultureInfo.InvariantCulture,
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"), cancellationToken);
        }
    }
}
