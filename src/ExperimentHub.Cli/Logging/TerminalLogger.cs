using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Cli.Logging;

/// <summary>One line per message on a text writer: time, level, the message, and an exception's message when there is one.</summary>
internal sealed class TerminalLogger(TextWriter writer, LogLevel minimum, Lock writeLock) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var level = logLevel switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "error",
            _ => "fatal",
        };
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss} {level}: {formatter(state, exception)}");
        if (exception is not null)
        {
            line += $" ({exception.GetType().Name}: {exception.Message})";
        }
        lock (writeLock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
