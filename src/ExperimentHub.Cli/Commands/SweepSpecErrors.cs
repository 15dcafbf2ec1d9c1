using ExperimentHub.Contracts.Api;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Cli.Commands;

/// <summary>Spec errors as compilers print them, <c>file:line:col: path: message</c>, so that editors can jump to them.</summary>
internal static class SweepSpecErrors
{
    public static string Format(string file, SpecError error) => Format(file, error.Path, error.Message, error.Line, error.Column);

    public static string Format(string file, SpecErrorDto error) => Format(file, error.Path, error.Message, error.Line, error.Column);

    public static void Print(SweepTerminal terminal, string file, IReadOnlyList<string> lines, string where)
    {
        foreach (var line in lines)
        {
            terminal.ErrorLine(line);
        }
        terminal.Fail($"{file}: {lines.Count} error(s) {where}; nothing was submitted");
    }

    private static string Format(string file, string path, string message, int? line, int? column)
    {
        var location = line is { } l ? $"{file}:{l}:{column ?? 1}" : file;
        return $"{location}: {(path.Length == 0 ? "spec" : path)}: {message}";
    }
}
