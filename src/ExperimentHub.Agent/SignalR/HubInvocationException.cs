namespace ExperimentHub.Agent.SignalR;

/// <summary>The server ran the hub method and it failed; the message is the server's error text.</summary>
public sealed class HubInvocationException : Exception
{
    public HubInvocationException()
    {
    }

    public HubInvocationException(string message)
        : base(message)
    {
    }

    public HubInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
