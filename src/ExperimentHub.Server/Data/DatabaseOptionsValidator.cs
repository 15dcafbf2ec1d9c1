using System.Data.Common;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Data;

/// <summary>A known provider, and a connection string that its driver can read (required for the servers).</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }

    /// <summary>The first thing wrong with the settings, in one line that names the setting; null when they are usable.</summary>
    public static string? Problem(DatabaseOptions options)
    {
        if (options.ParsedProvider is not { } provider)
        {
            return $"{DatabaseOptions.Section}:Provider '{options.Provider}' is not a database ExperimentHub runs on: use one of {string.Join(", ", DatabaseOptions.Names.Keys)}";
        }
        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return $"{DatabaseOptions.Section}:ConnectionString is empty: the {options.Provider.Trim().ToLowerInvariant()} provider needs one";
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return null;
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            return $"{DatabaseOptions.Section}:ConnectionString is for postgres and sqlserver: the sqlite store is always <DataDir>/experimenthub.db (set ExperimentHub:DataDir instead)";
        }
        try
        {
            _ = StoreDatabase.ConnectionStringBuilder(provider, options.ConnectionString);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException or NotSupportedException)
        {
            return $"{DatabaseOptions.Section}:ConnectionString is not a {options.Provider.Trim().ToLowerInvariant()} connection string: {e.Message}";
        }
    }
}
