namespace ExperimentHub.Contracts.Api;

/// <summary>
/// A refusal because a run has ended (the 409 of a second finish, the 401 of an ended run's token) carries the run's
/// final status in <see cref="RunStatus"/>: a client whose finish was stored but whose answer was lost sees that it
/// took effect.
/// </summary>
public static class RunEndedProblem
{
    /// <summary>The problem's extension member with the run's final status (<c>completed</c>, <c>failed</c>, ...).</summary>
    public const string RunStatus = "runStatus";
}
