using System.Data.Common;
using System.Net.Sockets;

namespace ExperimentHub.Server.Data;

/// <summary>The configured database did not answer at start: the user's to fix, said in one line.</summary>
public sealed class StoreUnavailableException(StoreDatabase database, Exception inner)
    : Exception($"{DatabaseOptions.Section}:ConnectionString: the {database.Describe()} does not answer: {Reason(inner)}", inner)
{
    /// <summary>A failure to reach or open the database (as opposed to a bug in a migration).</summary>
    public static bool IsConnectionFailure(Exception e) => e switch
    {
        SocketException or TimeoutException => true,
        DbException db when db.InnerException is SocketException or TimeoutException or IOException => true,
        Npgsql.NpgsqlException { SqlState: null } => true,
        Npgsql.PostgresException pg => pg.SqlState is "3D000" or "28P01" or "28000" or "57P03",
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is -1 or -2 or 2 or 53 or 4060 or 18456 or 40,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 14 or 23 or 26 or 10,
        _ => e.InnerException is { } inner && IsConnectionFailure(inner),
    };

    private static string Reason(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is { } next && innermost is not Npgsql.PostgresException)
        {
            innermost = next;
        }
        return innermost.Message.ReplaceLineEndings(" ").Trim();
    }
}
