using System.CommandLine;
using ExperimentHub.Server.Data.Copy;

namespace ExperimentHub.Cli.Commands;

/// <summary>
/// <c>ehub db copy --to postgres:"&lt;connection string&gt;" [--data-dir DIR]</c>: moves a SQLite store to PostgreSQL
/// or SQL Server, on this machine (it reads the data folder, not the API), with the server's <see cref="StoreCopier"/>.
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
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = $"The server's data folder, holding experimenthub.db (default: ExperimentHub__DataDir, else {DefaultDataDir})",
        };
        var command = new Command("copy", "Copy a SQLite store, everything in it, to PostgreSQL or SQL Server; run it again to resume a cut-off copy");
        command.Options.Add(to);
        command.Options.Add(dataDir);
        command.SetAction((parse, cancellationToken) => StoreCopyCommand.RunAsync(
            parse.GetRequiredValue(to),
            parse.GetValue(dataDir) ?? terminal.Variable("ExperimentHub__DataDir") ?? DefaultDataDir,
            terminal.Out.Profile.Out.Writer,
            terminal.Error.Profile.Out.Writer,
            cancellationToken));
        return command;
    }
}
