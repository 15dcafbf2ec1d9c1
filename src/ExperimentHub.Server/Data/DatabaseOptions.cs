namespace ExperimentHub.Server.Data;

/// <summary>The <c>ExperimentHub:Database</c> section: which database holds the store, and how to reach it.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "ExperimentHub:Database";

    /// <summary>sqlite (the default: a file in the data folder), postgres or sqlserver.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The provider's connection string; empty for sqlite (its file is &lt;DataDir&gt;/experimenthub.db).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The names <see cref="Provider"/> takes, as users write them.</summary>
    public static readonly IReadOnlyDictionary<string, DatabaseProvider> Names = new Dictionary<string, DatabaseProvider>(StringComparer.OrdinalIgnoreCase)
    {
        ["sqlite"] = DatabaseProvider.Sqlite,
        ["postgres"] = DatabaseProvider.Postgres,
        ["sqlserver"] = DatabaseProvider.SqlServer,
    };

    /// <summary>The provider, or null when <see cref="Provider"/> names none (the validator reports that).</summary>
    public DatabaseProvider? ParsedProvider => Names.TryGetValue(Provider.Trim(), out var provider) ? provider : null;
}
