using System.CommandLine;
using ExperimentHub.Cli.Commands;

var root = new RootCommand("ehub: the ExperimentHub command line (agent, sweeps, export, detect, space detect, keys, db copy)");
root.Subcommands.Add(AgentCommand.Create(SweepTerminal.System));
root.Subcommands.Add(DetectCommand.Create(SweepTerminal.System));
root.Subcommands.Add(SweepCommand.Create(SweepTerminal.System));
root.Subcommands.Add(ExportCommand.Create(SweepTerminal.System));
root.Subcommands.Add(SpaceCommand.Create(SweepTerminal.System));
root.Subcommands.Add(KeysCommand.Create(SweepTerminal.System));
root.Subcommands.Add(DbCommand.Create(SweepTerminal.System));
// An agent stopping on Ctrl+C or SIGTERM stops its trials (SIGTERM, a grace period, SIGKILL) and reports them.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
