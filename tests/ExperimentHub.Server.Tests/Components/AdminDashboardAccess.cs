using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>The dashboard as an admin sees it: every project, every button (the role rules have their own tests).</summary>
internal sealed class AdminDashboardAccess : IDashboardAccess
{
    public Task<Caller?> CallerAsync() => Task.FromResult<Caller?>(new Caller(CallerKind.User, "admin", true, 1, null, null, null, null, null));

    public Task<ProjectRole?> RoleInAsync(string projectKey, CancellationToken cancellationToken = default) => Task.FromResult<ProjectRole?>(ProjectRole.Owner);

    public Task<IReadOnlySet<long>?> VisibleProjectsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlySet<long>?>(null);

    public Task<IReadOnlySet<long>> VisibleSweepsAsync(IReadOnlyCollection<long> sweepIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlySet<long>>(sweepIds.ToHashSet());

    public Task<IReadOnlySet<long>> VisibleRunsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlySet<long>>(runIds.ToHashSet());
}
