using System.CommandLine;

namespace ExperimentHub.Cli.Commands;

/// <summary><c>ehub space detect</c>.</summary>
internal static class SpaceCommand
{
    public static Command Create(SweepTerminal terminal)
    {
        var command = new Command("space", "Work with search spaces");
        command.Subcommands.Add(SpaceDetectCommand.Create(terminal));
        return command;
    }
}
