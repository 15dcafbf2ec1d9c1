namespace ExperimentHub.Server.Auth;

public static class AuthPolicies
{
    /// <summary>Any valid key, run tokens included.</summary>
    public const string Reader = "ehub-reader";
    /// <summary>Admin keys only.</summary>
    public const string Admin = "ehub-admin";
    /// <summary>The agent hub: admin keys, and sweep agent keys (which run one sweep's trials only).</summary>
    public const string Agent = "ehub-agent";
    /// <summary>The dashboard: signed in with an admin key (cookie), or an admin bearer key.</summary>
    public const string Dashboard = "ehub-dashboard";
}
