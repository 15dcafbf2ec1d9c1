namespace ExperimentHub.Server.Data;

/// <summary>The database behind the one EF model (<c>ExperimentHub:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
