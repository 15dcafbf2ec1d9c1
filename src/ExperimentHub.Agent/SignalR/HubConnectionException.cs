namespace ExperimentHub.Agent.SignalR;

/// <summary>The hub cannot be reached or refused the connection (bad token, wrong address, handshake refused).</summary>
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

    /// <summary>True when retrying cannot help (the token or the address is wrong).</summary>
    public bool IsFatal { get; init; }
}
