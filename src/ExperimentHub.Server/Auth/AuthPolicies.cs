namespace ExperimentHub.Server.Auth;

public static class AuthPolicies
{
    /// <summary>Any valid key, run tokens included.</summary>
    public const string Reader = "ehub-reader";
    /// <summary>Admin keys only.</summary>
    public const string Admin = "ehub-admin";
    /// <summary>The dashboard: signed in with an admin key (cookie), or an admin bearer key.</summary>
    public const string Dashboard = "ehub-dashboard";
}
