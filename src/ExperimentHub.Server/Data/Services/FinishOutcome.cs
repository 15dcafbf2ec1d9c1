namespace ExperimentHub.Server.Data.Services;

public enum FinishOutcome
{
    Finished,
    NotFound,
    /// <summary>The run had already finished with another status.</summary>
    AlreadyFinished,
}
