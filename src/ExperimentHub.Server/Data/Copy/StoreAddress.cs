namespace ExperimentHub.Server.Data.Copy;

/// <summary>
/// A store named on the command line: <c>postgres:"&lt;connection string&gt;"</c>, <c>sqlserver:"&lt;connection string&gt;"</c>,
/// or <c>sqlite:PATH</c> (the store file, or the data folder that holds experimenthub.db). Bad input is one line that
/// names the option.
/// </summary>
internal sealed record StoreAddress(StoreDatabase? Database, string? Problem)
{
    /// <summary>Reads <paramref name="text"/>; a SQLite source (<paramref name="mustExist"/>) must be there, a SQLite target's folder must.</summary>
    public static StoreAddress Parse(string option, string text, string accepted, bool mustExist)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var providerName = (colon > 0 ? text[..colon] : text).Trim();
        var rest = colon > 0 ? text[(colon + 1)..] : "";
        var direction = mustExist ? "from" : "to";
        if (!DatabaseOptions.Names.TryGetValue(providerName, out var provider))
        {
            return Refused($"{option}: '{providerName}' is not a database to copy {direction}: use {accepted}");
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            return Sqlite(option, rest.Trim().Trim('"'), mustExist);
        }
        var options = new DatabaseOptions { Provider = providerName, ConnectionString = rest };
        if (DatabaseOptionsValidator.Problem(options) is { } problem)
        {
            return Refused($"{option}: " + problem.Replace(DatabaseOptions.Section + ":", "", StringComparison.Ordinal));
        }
        return new StoreAddress(new StoreDatabase(provider, rest), null);
    }

    /// <summary>A server database that does not answer, in one line naming the option; null when it answers (or is a SQLite file).</summary>
    public static async Task<string?> UnreachableAsync(string option, StoreDatabase database, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return null;
        }
        try
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (StoreUnavailableException.IsConnectionFailure(e))
        {
            return new StoreUnavailableException(database, e).Message.Replace(DatabaseOptions.Section + ":ConnectionString", option, StringComparison.Ordinal);
        }
    }

    private static StoreAddress Sqlite(string option, string path, bool mustExist)
    {
        if (path.Length == 0)
        {
            return Refused($"{option}: sqlite needs the store's path, as sqlite:PATH (the experimenthub.db file, or the data folder holding it)");
        }
        var file = Path.GetFullPath(Directory.Exists(path) ? new StoreOptions { DataDir = path }.DatabasePath : path);
        if (mustExist && !File.Exists(file))
        {
            return Refused($"{option}: there is no SQLite store at {file}");
        }
        if (!mustExist && !Directory.Exists(Path.GetDirectoryName(file)))
        {
            return Refused($"{option}: the folder {Path.GetDirectoryName(file)} does not exist (create it, or give another path)");
        }
        return new StoreAddress(new StoreDatabase(DatabaseProvider.Sqlite, SqliteConnectionFactory.ConnectionStringFor(file)), null);
    }

    private static StoreAddress Refused(string problem) => new(null, problem);
}
