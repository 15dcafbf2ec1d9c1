namespace ExperimentHub.Server.Auth;

/// <summary>The answer for a bearer key: who it is, or why it is refused (said to the caller as the 401's detail).</summary>
public sealed record KeyCheck(ApiKeyIdentity? Identity, string? Refusal)
{
    /// <summary>
    /// For the token of a run that has ended: the run's final status, told to the token's holder (the 401's
    /// <c>runStatus</c>), so that a client whose finish was stored but whose answer was lost knows it took effect.
    /// </summary>
    public string? EndedRunStatus { get; init; }

    public static KeyCheck Valid(ApiKeyIdentity identity) => new(identity, null);

    public static KeyCheck Refused(string why) => new(null, why);
}
