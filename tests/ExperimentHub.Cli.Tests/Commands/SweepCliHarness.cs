using System.CommandLine;
using ExperimentHub.Cli.Commands;
using Spectre.Console;

namespace ExperimentHub.Cli.Tests.Commands;

/// <summary>Runs the sweep, export, space and keys verbs in-process with captured output and a given environment.</summary>
internal sealed class SweepCliHarness
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public string Output => _out.ToString();

    public string Error => _error.ToString();

    public SweepCliHarness With(string variable, string value)
    {
        _environment[variable] = value;
        return this;
    }

    public async Task<int> RunAsync(params string[] args)
    {
        var terminal = new SweepTerminal(Console(_out), Console(_error), name => _environment.GetValueOrDefault(name));
        var root = new RootCommand("ehub (test)");
        root.Subcommands.Add(SweepCommand.Create(terminal));
        root.Subcommands.Add(ExportCommand.Create(terminal));
        root.Subcommands.Add(SpaceCommand.Create(terminal));
        root.Subcommands.Add(KeysCommand.Create(terminal));
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = _out, Error = _error });
    }

    private static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });
}
