namespace ExperimentHub.Server.Data;

/// <summary>
/// The <c>ExperimentHub:Database</c> settings: which database holds the store (and Hangfire's jobs).
/// <c>sqlite</c> (the default) keeps both in the data folder; <c>postgres</c> and <c>sqlserver</c> use
/// <see cref="ConnectionString"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "ExperimentHub:Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqlServer = "sqlserver";

    public string Provider { get; set; } = Sqlite;

    public string? ConnectionString { get; set; }

    /// <summary>The provider in lower case, as compared everywhere.</summary>
    public string ProviderName => (Provider ?? Sqlite).Trim().ToLowerInvariant();
}
