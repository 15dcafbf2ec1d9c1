namespace ExperimentHub.Agent.SignalR;

/// <summary>The connection dropped before a call's result arrived; the call may or may not have reached the server.</summary>
public sealed class HubConnectionLostException : HubConnectionException
{
    public HubConnectionLostException()
        : base("The hub connection was lost before the call completed.")
    {
    }

    public HubConnectionLostException(string message)
        : base(message)
    {
    }

    public HubConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
