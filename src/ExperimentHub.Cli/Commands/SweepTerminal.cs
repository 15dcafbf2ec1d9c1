using Spectre.Console;

namespace ExperimentHub.Cli.Commands;

/// <summary>
/// Where a command writes and what it reads from its environment: the process's console and variables in the
/// real tool, captured ones in tests.
/// </summary>
internal sealed class SweepTerminal(IAnsiConsole output, IAnsiConsole error, Func<string, string?> environment)
{
    public static SweepTerminal System { get; } = new(
        Widened(ConsoleFor(Console.Out, Console.IsOutputRedirected)),
        ConsoleFor(Console.Error, Console.IsErrorRedirected),
        Environment.GetEnvironmentVariable);

    public IAnsiConsole Out { get; } = output;

    public IAnsiConsole Error { get; } = error;

    /// <summary>How often <c>--follow</c> asks the server for the sweep's state.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Colour and cursor movement only on a terminal: a file or a pipe gets plain text, and <c>NO_COLOR</c> (any
    /// value, https://no-color.org) turns colour off everywhere.
    /// </summary>
    internal static IAnsiConsole ConsoleFor(TextWriter writer, bool redirected)
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected || noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
    }

    /// <summary>Redirected output has no width; Spectre's 80 columns would wrap tables that tools and logs read.</summary>
    private static IAnsiConsole Widened(IAnsiConsole console)
    {
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }
        return console;
    }

    public string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;

    /// <summary>Writes "error: ..." to standard error, unwrapped; the text is not markup.</summary>
    public void Fail(string message) => ErrorLine("error: " + message);

    /// <summary>A line of plain text to standard output, never wrapped (so that it can be read by tools).</summary>
    public void Line(string text) => Out.Profile.Out.Writer.WriteLine(text);

    /// <summary>A line of plain text to standard error, never wrapped (editors jump to <c>file:line:col</c>).</summary>
    public void ErrorLine(string text) => Error.Profile.Out.Writer.WriteLine(text);
}
