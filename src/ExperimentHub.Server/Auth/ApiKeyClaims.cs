namespace ExperimentHub.Server.Auth;

/// <summary>The claims a principal carries, from a bearer key or the dashboard's cookie.</summary>
public static class ApiKeyClaims
{
    public const string Scheme = "ApiKey";
    public const string KeyId = "ehub:key_id";
    /// <summary>A key's role (<c>admin</c>, <c>owner</c>, <c>editor</c>, <c>viewer</c>, <c>agent</c>, <c>sweep_agent</c>, <c>run</c>), or for a signed-in user <c>admin</c> or <see cref="UserScope"/>.</summary>
    public const string Scope = "ehub:scope";
    /// <summary>The user a key acts for, or who is signed in.</summary>
    public const string UserId = "ehub:user_id";
    /// <summary>The one project a key is bound to.</summary>
    public const string ProjectId = "ehub:project_id";
    /// <summary>For run tokens: the one run they may use.</summary>
    public const string RunId = "ehub:run_id";
    /// <summary>For run tokens of a sweep's trial: the sweep whose state they may read; for sweep agent keys: the one sweep whose trials they run.</summary>
    public const string SweepId = "ehub:sweep_id";
    /// <summary>The scope of a signed-in user who is not an admin.</summary>
    public const string UserScope = "user";
}
