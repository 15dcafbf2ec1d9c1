namespace ExperimentHub.Server.Auth;

/// <summary>The claims an API key's principal carries.</summary>
public static class ApiKeyClaims
{
    public const string Scheme = "ApiKey";
    public const string KeyId = "ehub:key_id";
    /// <summary><c>admin</c>, <c>run</c> or <c>sweep_agent</c>.</summary>
    public const string Scope = "ehub:scope";
    /// <summary>For run tokens: the one run they may write to.</summary>
    public const string RunId = "ehub:run_id";
    /// <summary>For sweep agent keys: the one sweep whose trials they may run.</summary>
    public const string SweepId = "ehub:sweep_id";
}
