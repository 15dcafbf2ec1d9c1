using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Auth;

/// <summary>What the signed-in user of a dashboard circuit may do, for pages to show only that.</summary>
public interface IDashboardAccess
{
    Task<Caller?> CallerAsync();

    /// <summary>The user's role in the project; null when they have none (or it does not exist).</summary>
    Task<ProjectRole?> RoleInAsync(string projectKey, CancellationToken cancellationToken = default);

    /// <summary>The projects the user may see; null means all (admins).</summary>
    Task<IReadOnlySet<long>?> VisibleProjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>Those of the sweeps whose project the user has a role in; a sweep that does not exist is not among them.</summary>
    Task<IReadOnlySet<long>> VisibleSweepsAsync(IReadOnlyCollection<long> sweepIds, CancellationToken cancellationToken = default);

    /// <summary>Those of the runs whose project the user has a role in; a run that does not exist is not among them.</summary>
    Task<IReadOnlySet<long>> VisibleRunsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken = default);
}
