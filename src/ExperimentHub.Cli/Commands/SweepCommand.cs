using System.CommandLine;

namespace ExperimentHub.Cli.Commands;

/// <summary><c>ehub sweep submit|list|stop</c>.</summary>
internal static class SweepCommand
{
    public static Command Create(SweepTerminal terminal)
    {
        var command = new Command("sweep", "Submit, list and stop hyperparameter sweeps");
        command.Subcommands.Add(SweepSubmitCommand.Create(terminal));
        command.Subcommands.Add(SweepListCommand.Create(terminal));
        command.Subcommands.Add(SweepStopCommand.Create(terminal));
        return command;
    }
}
