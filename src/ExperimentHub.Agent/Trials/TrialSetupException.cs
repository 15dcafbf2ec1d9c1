namespace ExperimentHub.Agent.Trials;

/// <summary>A trial cannot start: its command, folder or program is wrong. The message says which, for the trial's error.</summary>
public sealed class TrialSetupException : Exception
{
    public TrialSetupException()
    {
    }

    public TrialSetupException(string message)
        : base(message)
    {
    }

    public TrialSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
