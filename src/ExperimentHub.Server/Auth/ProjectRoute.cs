namespace ExperimentHub.Server.Auth;

/// <summary>Where an endpoint's route names its project.</summary>
public enum ProjectRoute
{
    /// <summary><c>{project}</c>: a project's key.</summary>
    ProjectKey,
    /// <summary><c>{id}</c>: a sweep's id.</summary>
    Sweep,
    /// <summary><c>{id}</c>: a run's id.</summary>
    Run,
}
