using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Data.Copy;

/// <summary>
/// <c>ehub db copy --to postgres:"&lt;connection string&gt;" [--from sqlite:PATH|postgres:"…"|sqlserver:"…"]</c>: copies
/// a store (by default the SQLite store of a data folder) to another database with <see cref="StoreCopier"/>,
/// resumably, and prints each table's counts. Exit code 0 when every count matches, 1 otherwise or on bad input (one
/// line on standard error naming what is wrong; no store is written to then).
/// </summary>
public static class StoreCopyCommand
{
    public const string Targets = "postgres:\"<connection string>\", sqlserver:\"<connection string>\" or sqlite:PATH";

    public const string Sources = "sqlite:PATH, postgres:\"<connection string>\" or sqlserver:\"<connection string>\"";

    private const string Name = "ehub db copy";

    /// <summary>Copies the store in <paramref name="dataDir"/> to <paramref name="to"/> (provider:connection string).</summary>
    public static Task<int> RunAsync(string to, string dataDir, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(null, to, dataDir, output, error, cancellationToken);

    /// <summary>
    /// Copies the store <paramref name="from"/> names (provider:connection string or sqlite:PATH), or when it is null the
    /// SQLite store in <paramref name="dataDir"/>, to <paramref name="to"/>.
    /// </summary>
    public static async Task<int> RunAsync(string? from, string to, string dataDir, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // The target first (as before --from): an unusable target is said whatever the source.
        var parsedTarget = StoreAddress.Parse("--to", to, Targets, mustExist: false);
        if (parsedTarget.Problem is { } toProblem)
        {
            return Fail(error, toProblem);
        }
        var target = parsedTarget.Database!;
        StoreDatabase source;
        if (from is null)
        {
            var store = new StoreOptions { DataDir = dataDir };
            if (!File.Exists(store.DatabasePath))
            {
                return Fail(error, $"--data-dir: there is no SQLite store at {store.DatabasePath} (give the server's data folder, or the store with --from)");
            }
            source = new StoreDatabase(Options.Create(new DatabaseOptions()), Options.Create(store));
        }
        else
        {
            var parsedSource = StoreAddress.Parse("--from", from, Sources, mustExist: true);
            if (parsedSource.Problem is { } fromProblem)
            {
                return Fail(error, fromProblem);
            }
            source = parsedSource.Database!;
        }

        output.WriteLine($"{Name}: {source.Describe()} -> {target.Describe()}");
        foreach (var (option, database) in new[] { (from is null ? "--data-dir" : "--from", source), ("--to", target) })
        {
            if (await StoreAddress.UnreachableAsync(option, database, cancellationToken) is { } unreachable)
            {
                return Fail(error, unreachable);
            }
        }
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
            return Fail(error, "a database stopped answering during the copy (run it again to continue): " + e.Message);
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
