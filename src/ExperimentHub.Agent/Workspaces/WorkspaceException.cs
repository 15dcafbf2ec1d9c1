namespace ExperimentHub.Agent.Workspaces;

/// <summary>The sweep's code could not be made ready on this agent: the repository or the install. <see cref="Log"/> holds the end of the output.</summary>
public sealed class WorkspaceException : Exception
{
    public WorkspaceException()
    {
    }

    public WorkspaceException(string message)
        : base(message)
    {
    }

    public WorkspaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WorkspaceException(string message, string log)
        : base(message)
    {
        Log = log;
    }

    public string Log { get; } = "";
}
