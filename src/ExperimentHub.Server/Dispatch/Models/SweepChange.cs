namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>The outcome of pause, resume, stop or extend.</summary>
public enum SweepChange
{
    Done,
    NotFound,
    /// <summary>The sweep's state does not allow it (resume a completed sweep, pause a stopped one).</summary>
    Conflict,
}
