namespace ExperimentHub.Server.Data.Entities;

/// <summary>A user's role in a project, in increasing order of what it allows; stored as snake_case text.</summary>
public enum ProjectRole
{
    /// <summary>Reads the project: runs, sweeps, metrics, artifacts, the catalog.</summary>
    Viewer = 1,
    /// <summary>Also creates runs and sweeps, pauses, resumes and stops sweeps, writes metrics and uploads artifacts.</summary>
    Editor = 2,
    /// <summary>Also manages the project's members and keys.</summary>
    Owner = 3,
}
