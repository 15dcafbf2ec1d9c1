using Microsoft.Extensions.Logging;

namespace ExperimentHub.Cli.Logging;

/// <summary>Loggers that write plain lines to the terminal (the CLI carries no logging framework).</summary>
internal sealed class TerminalLoggerFactory(TextWriter writer, LogLevel minimum) : ILoggerFactory
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new TerminalLogger(writer, minimum, _lock);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The terminal logger factory takes no providers.");

    public void Dispose()
    {
        // Nothing to release: the writer belongs to the terminal.
    }
}
