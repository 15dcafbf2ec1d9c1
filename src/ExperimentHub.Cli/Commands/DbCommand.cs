using System.CommandLine;
using ExperimentHub.Server.Data.Copy;

namespace ExperimentHub.Cli.Commands;

/// <summary>
/// <c>ehub db copy --to postgres:"&lt;connection string&gt;" [--from sqlite:PATH|postgres:"…"|sqlserver:"…"] [--data-dir DIR]</c>:
/// moves a store (by default the data folder's SQLite store) to PostgreSQL, SQL Server or a SQLite file, from this
/// machine (it reads the stores, not the API), with the server's <see cref="StoreCopier"/>.
/// </summary>
internal static class DbCommand
{
    /// <summary>The server's default data folder, as <c>ExperimentHub:DataDir</c> has it.</summary>
    private const string DefaultDataDir = "./data";

    public static Command Create(SweepTerminal terminal)
    {
        var command = new Command("db", "Work on a server's store directly");
        command.Subcommands.Add(CopyCommand(terminal));
        return command;
    }

    private static Command CopyCommand(SweepTerminal terminal)
    {
        var to = new Option<string>("--to") { Description = $"Where to copy the store: {StoreCopyCommand.Targets}", Required = true };
        var from = new Option<string?>("--from")
        {
            Description = $"The store to copy: {StoreCopyCommand.Sources} (default: the SQLite store of --data-dir)",
        };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = $"The server's data folder, holding experimenthub.db (default: ExperimentHub__DataDir, else {DefaultDataDir})",
        };
        var command = new Command("copy", "Copy a store, everything in it, to PostgreSQL, SQL Server or SQLite; run it again to resume a cut-off copy");
        command.Options.Add(to);
        command.Options.Add(from);
        command.Options.Add(dataDir);
        command.SetAction((parse, cancellationToken) => StoreCopyCommand.RunAsync(
            parse.GetValue(from),
            parse.GetRequiredValue(to),
            parse.GetValue(dataDir) ?? terminal.Variable("ExperimentHub__DataDir") ?? DefaultDataDir,
            terminal.Out.Profile.Out.Writer,
            terminal.Error.Profile.Out.Writer,
            cancellationToken));
        return command;
    }
}
