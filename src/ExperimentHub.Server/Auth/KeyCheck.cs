namespace ExperimentHub.Server.Auth;

/// <summary>The answer for a bearer key: who it is, or why it is refused (said to the caller as the 401's detail).</summary>
public sealed record KeyCheck(ApiKeyIdentity? Identity, string? Refusal)
{
    public static KeyCheck Valid(ApiKeyIdentity identity) => new(identity, null);

    public static KeyCheck Refused(string why) => new(null, why);
}
