using ExperimentHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Data.Copy;

/// <summary>
/// <c>db copy --to postgres:"&lt;connection string&gt;"</c> (or <c>sqlserver:</c>): copies the configured SQLite store
/// (ExperimentHub:DataDir) to that database, resumably, and prints each table's counts. Exit code 0 when every count
/// matches, 1 otherwise or on bad input (one line naming what is wrong).
/// </summary>
public static class StoreCopyCommand
{
    public const string Usage = "usage: db copy --to postgres:\"<connection string>\" | sqlserver:\"<connection string>\" [--ExperimentHub:DataDir=DIR]";

    public static bool Matches(string[] args) => args is ["db", "copy", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var rest = args.Skip(2).ToList();
        var at = rest.IndexOf("--to");
        if (at < 0 || at + 1 >= rest.Count)
        {
            return StartupProblems.Report("db copy needs --to: " + Usage);
        }
        var to = rest[at + 1];
        rest.RemoveRange(at, 2);
        var colon = to.IndexOf(':', StringComparison.Ordinal);
        var providerName = colon > 0 ? to[..colon] : to;
        if (!DatabaseOptions.Names.TryGetValue(providerName, out var provider) || provider == DatabaseProvider.Sqlite)
        {
            return StartupProblems.Report($"db copy --to: '{providerName}' is not a database to copy to: use postgres:\"<connection string>\" or sqlserver:\"<connection string>\"");
        }
        var targetOptions = new DatabaseOptions { Provider = providerName, ConnectionString = colon > 0 ? to[(colon + 1)..] : "" };
        if (DatabaseOptionsValidator.Problem(targetOptions) is { } problem)
        {
            return StartupProblems.Report("db copy --to: " + problem.Replace(DatabaseOptions.Section + ":", "", StringComparison.Ordinal));
        }

        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().AddCommandLine([.. rest]).Build();
        var store = new StoreOptions();
        configuration.GetSection(StoreOptions.Section).Bind(store);
        if (!File.Exists(store.DatabasePath))
        {
            return StartupProblems.Report($"db copy: there is no SQLite store at {store.DatabasePath} (set ExperimentHub:DataDir to the data folder)");
        }
        var source = new StoreDatabase(Options.Create(new DatabaseOptions()), Options.Create(store));
        var target = new StoreDatabase(provider, targetOptions.ConnectionString);
        output.WriteLine($"db copy: {source.Describe()} -> {target.Describe()}");
        var copier = new StoreCopier(source, target)
        {
            Progress = (table, rows) => output.WriteLine($"db copy: {table}: {rows} copied"),
        };
        IReadOnlyList<TableCount> counts;
        try
        {
            counts = await copier.CopyAsync(cancellationToken);
        }
        catch (Exception e) when (StoreUnavailableException.IsConnectionFailure(e))
        {
            return StartupProblems.Report(new StoreUnavailableException(target, e).Message.Replace(DatabaseOptions.Section + ":ConnectionString", "db copy --to", StringComparison.Ordinal));
        }
        foreach (var count in counts)
        {
            output.WriteLine($"db copy: {count.Table}: source {count.Source}, target {count.Target}{(count.Matches ? "" : "  MISMATCH")}");
        }
        if (counts.All(c => c.Matches))
        {
            output.WriteLine("db copy: done, every count matches");
            return 0;
        }
        return StartupProblems.Report("db copy: the counts differ (see above); run the copy again to continue it");
    }
}
