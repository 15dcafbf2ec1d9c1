namespace ExperimentHub.Agent.SignalR;

/// <summary>The server refused the agent for good: it rejected the API key, or has no agent hub at the address.</summary>
public class HubConnectionException : Exception
{
    public HubConnectionException()
    {
    }

    public HubConnectionException(string message)
        : base(message)
    {
    }

    public HubConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the server rejected the API key (HTTP 401 or 403).</summary>
    public bool KeyRefused { get; init; }
}
