namespace ExperimentHub.Server.Dispatch.Models;

public enum TellOutcome
{
    Told,
    NotFound,
    /// <summary>The trial belongs to a sweep whose trials agents run.</summary>
    NotAskTell,
    /// <summary>The trial was not told in time and failed as expired.</summary>
    Expired,
    /// <summary>The trial was told (or ended otherwise) before.</summary>
    AlreadyTold,
    /// <summary>The body is wrong; see <see cref="TellResult.Errors"/>.</summary>
    Invalid,
}
