using System.CommandLine;
using ExperimentHub.Cli.Commands;

var root = new RootCommand("ehub: the ExperimentHub command line (agent, sweeps, export)");
root.Subcommands.Add(SweepCommand.Create(SweepTerminal.System));
root.Subcommands.Add(ExportCommand.Create(SweepTerminal.System));
return await root.Parse(args).InvokeAsync();
