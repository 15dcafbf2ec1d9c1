using Microsoft.Extensions.Logging;

namespace ExperimentHub.Agent.SignalR;

/// <summary>Hands the SignalR client's loggers to the agent's logger factory, which the caller owns and disposes.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory loggers) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => loggers.CreateLogger(categoryName);

    public void Dispose()
    {
        // Not ours to dispose.
    }
}
