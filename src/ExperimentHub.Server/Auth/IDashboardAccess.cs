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
}
