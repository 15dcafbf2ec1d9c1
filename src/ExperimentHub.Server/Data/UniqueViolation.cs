using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data;

/// <summary>Whether a save failed on a unique key (another writer took it first), in each provider's own terms.</summary>
internal static class UniqueViolation
{
    public static bool Is(DbUpdateException exception) => exception?.InnerException switch
    {
        // SQLite reports every constraint as 19; the stores catch it only around inserts whose one constraint is a key.
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.SqlClient.SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };
}
