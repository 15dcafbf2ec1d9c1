using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// Hangfire's log goes to this app's loggers. Hangfire keeps one log provider per process (a static), so where several
/// apps share a process (the tests) a stopped app's disposed logger factory must not fail another app's jobs: its
/// loggers then log nothing.
/// </summary>
internal sealed class AppLogProvider(ILoggerFactory loggers) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggers);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
