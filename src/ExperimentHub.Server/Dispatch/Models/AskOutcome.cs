namespace ExperimentHub.Server.Dispatch.Models;

public enum AskOutcome
{
    Asked,
    NotFound,
    /// <summary>The sweep has a command: agents run its trials.</summary>
    NotAskTell,
    /// <summary>The sweep is paused, stopped or failed.</summary>
    NotRunning,
    /// <summary>The budget is spent (or the space exhausted): there will be no more trials.</summary>
    Done,
    /// <summary><c>parallel</c> trials are already asked and untold.</summary>
    Busy,
}
