using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Data;

/// <summary>
/// Named locks that every server on this store shares, so that work which must not run twice at once (the compute
/// passes) runs on one server at a time. Each provider's own lock, held by a connection or an open file, so that a
/// server that dies lets go at once: PostgreSQL's session advisory lock, SQL Server's session application lock, and
/// on SQLite (servers on one machine share the data folder) an exclusive lock on a file beside the store. Hangfire's
/// distributed lock was not taken: the SQLite storage's keeps its holders per thread, which an async job leaves.
/// </summary>
public sealed class StoreLock(StoreDatabase database, ILogger<StoreLock> logger)
{
    /// <summary>Where other applications share the database, the names stay apart.</summary>
    private const string Prefix = "experimenthub:";

    /// <summary>How often a lock held elsewhere is tried again (wall time: the app's clock may be a test's).</summary>
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    /// <summary>The lock <paramref name="name"/>, waiting for it up to <paramref name="wait"/>; null when another holder kept it that long.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var started = TimeProvider.System.GetTimestamp();
        var waiting = false;
        while (true)
        {
            if (await TryAcquireOnceAsync(name, cancellationToken) is { } held)
            {
                return held;
            }
            if (TimeProvider.System.GetElapsedTime(started) >= wait)
            {
                return null;
            }
            if (!waiting)
            {
                waiting = true;
                logger.LogInformation("Waiting for the store lock {Lock}, held by another server or pass", name);
            }
            await Task.Delay(Retry, cancellationToken);
        }
    }

    private async Task<IAsyncDisposable?> TryAcquireOnceAsync(string name, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return TryLockFile(name);
        }
        var connection = database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            var (acquire, release, key) = database.Provider == DatabaseProvider.Postgres
                ? ("SELECT pg_try_advisory_lock(@key)", "SELECT pg_advisory_unlock(@key)", (object)AdvisoryKey(name))
                : ("DECLARE @result int; EXEC @result = sp_getapplock @Resource = @key, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT CASE WHEN @result >= 0 THEN 1 ELSE 0 END",
                    "EXEC sp_releaseapplock @Resource = @key, @LockOwner = 'Session'", Prefix + name);
            if (!Convert.ToBoolean(await ExecuteAsync(connection, acquire, key, cancellationToken), CultureInfo.InvariantCulture))
            {
                await connection.DisposeAsync();
                return null;
            }
            return new HeldStoreLock(async () =>
            {
                try
                {
                    await ExecuteAsync(connection, release, key, CancellationToken.None);
                }
                finally
                {
                    // Closing ends the session's hold in any case (a pooled connection is reset before its next use).
                    await connection.DisposeAsync();
                }
            });
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<object?> ExecuteAsync(DbConnection connection, string sql, object key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>PostgreSQL's advisory locks are keyed by a bigint: the name's hash, the same on every server.</summary>
    private static long AdvisoryKey(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(Prefix + name)), 0);

    /// <summary>SQLite: an exclusive lock on <c>NAME.lock</c> beside the store (flock on Linux: it conflicts within a process too).</summary>
    private HeldStoreLock? TryLockFile(string name)
    {
        var store = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store))!, name + ".lock");
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new HeldStoreLock(() => file.DisposeAsync());
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
