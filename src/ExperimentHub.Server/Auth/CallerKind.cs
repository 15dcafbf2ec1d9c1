namespace ExperimentHub.Server.Auth;

public enum CallerKind
{
    /// <summary>Signed in to the dashboard with a name and password.</summary>
    User,
    /// <summary>An API key with a role (admin, owner, editor, viewer).</summary>
    Key,
    /// <summary>A run's token: its own run only.</summary>
    RunToken,
    /// <summary>An agent key: the agent hub only.</summary>
    Agent,
}
