using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Data.Copy;

/// <summary>
/// <c>ehub db copy --to postgres:"&lt;connection string&gt;"</c> (or <c>sqlserver:</c>): copies the SQLite store of a
/// data folder to that database with <see cref="StoreCopier"/>, resumably, and prints each table's counts. Exit code 0
/// when every count matches, 1 otherwise or on bad input (one line on standard error naming what is wrong; the source
/// store is never written to then).
/// </summary>
public static class StoreCopyCommand
{
    public const string Targets = "postgres:\"<connection string>\" or sqlserver:\"<connection string>\"";

    private const string Name = "ehub db copy";

    /// <summary>Copies the store in <paramref name="dataDir"/> to <paramref name="to"/> (provider:connection string).</summary>
    public static async Task<int> RunAsync(string to, string dataDir, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var colon = to.IndexOf(':', StringComparison.Ordinal);
        var providerName = (colon > 0 ? to[..colon] : to).Trim();
        if (!DatabaseOptions.Names.TryGetValue(providerName, out var provider) || provider == DatabaseProvider.Sqlite)
        {
            return Fail(error, $"--to: '{providerName}' is not a database to copy to: use {Targets}");
        }
        var targetOptions = new DatabaseOptions { Provider = providerName, ConnectionString = colon > 0 ? to[(colon + 1)..] : "" };
        if (DatabaseOptionsValidator.Problem(targetOptions) is { } problem)
        {
            return Fail(error, "--to: " + problem.Replace(DatabaseOptions.Section + ":", "", StringComparison.Ordinal));
        }
        var store = new StoreOptions { DataDir = dataDir };
        if (!File.Exists(store.DatabasePath))
        {
            return Fail(error, $"--data-dir: there is no SQLite store at {store.DatabasePath} (give the server's data folder)");
        }

        var source = new StoreDatabase(Options.Create(new DatabaseOptions()), Options.Create(store));
        var target = new StoreDatabase(provider, targetOptions.ConnectionString);
        output.WriteLine($"{Name}: {source.Describe()} -> {target.Describe()}");
        var copier = new StoreCopier(source, target)
        {
            Progress = (table, rows) => output.WriteLine($"{Name}: {table}: {rows} copied"),
        };
        IReadOnlyList<TableCount> counts;
        try
        {
            counts = await copier.CopyAsync(cancellationToken);
        }
        catch (Exception e) when (StoreUnavailableException.IsConnectionFailure(e))
        {
            return Fail(error, new StoreUnavailableException(target, e).Message.Replace(DatabaseOptions.Section + ":ConnectionString", "--to", StringComparison.Ordinal));
        }
        catch (InvalidOperationException e)
        {
            // The target is the source, or a store this build cannot take over: said by the migrator or the copier.
            return Fail(error, e.Message);
        }
        foreach (var count in counts)
        {
            output.WriteLine($"{Name}: {count.Table}: source {count.Source}, target {count.Target}{(count.Matches ? "" : "  MISMATCH")}");
        }
        if (counts.All(c => c.Matches))
        {
            output.WriteLine($"{Name}: done, every count matches");
            return 0;
        }
        return Fail(error, "the counts differ (see above); run the copy again to continue it");
    }

    private static int Fail(TextWriter error, string problem)
    {
        error.WriteLine($"{Name}: {problem.ReplaceLineEndings(" ")}");
        return 1;
    }
}
