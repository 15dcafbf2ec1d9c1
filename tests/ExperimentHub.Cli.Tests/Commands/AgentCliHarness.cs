using System.CommandLine;
using ExperimentHub.Cli.Commands;
using Spectre.Console;

namespace ExperimentHub.Cli.Tests.Commands;

/// <summary>Runs <c>ehub agent</c> and <c>ehub detect</c> in-process with captured output and a given environment.</summary>
internal sealed class AgentCliHarness
{
    private readonly SynchronizedWriter _out = new();
    private readonly SynchronizedWriter _error = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public string Output => _out.ToString();

    public string Error => _error.ToString();

    public AgentCliHarness With(string variable, string value)
    {
        _environment[variable] = value;
        return this;
    }

    public Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public async Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var terminal = new SweepTerminal(Console(_out), Console(_error), name => _environment.GetValueOrDefault(name));
        var root = new RootCommand("ehub (test)");
        root.Subcommands.Add(AgentCommand.Create(terminal));
        root.Subcommands.Add(DetectCommand.Create(terminal));
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = _out, Error = _error, ProcessTerminationTimeout = null }, cancellationToken);
    }

    private static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });
}
