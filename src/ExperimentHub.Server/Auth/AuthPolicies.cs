namespace ExperimentHub.Server.Auth;

public static class AuthPolicies
{
    /// <summary>Any valid key, run tokens included; endpoints narrow it with <see cref="ProjectAccessFilter"/>.</summary>
    public const string Reader = "ehub-reader";
    /// <summary>A key with a role (not a run token or an agent key): projects, the catalog, agents, keys.</summary>
    public const string Person = "ehub-person";
    /// <summary>Admin keys only.</summary>
    public const string Admin = "ehub-admin";
    /// <summary>The agent hub: agent keys, admin keys, and sweep agent keys (which run one sweep's trials only).</summary>
    public const string Agent = "ehub-agent";
    /// <summary>The dashboard: a signed-in user (cookie), or a bearer key with a role.</summary>
    public const string Dashboard = "ehub-dashboard";
    /// <summary>The dashboard's admin pages (users, audit).</summary>
    public const string DashboardAdmin = "ehub-dashboard-admin";
}
