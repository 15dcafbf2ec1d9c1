using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>
/// A signed-in user who is not an admin: <see cref="Role"/> in the projects of <see cref="MemberOf"/>, nothing in the
/// rest. The test says which project holds each project key, sweep and run, as the store would.
/// </summary>
internal sealed class MemberDashboardAccess(ProjectRole role, params long[] memberOf) : IDashboardAccess
{
    public ProjectRole Role { get; } = role;

    public IReadOnlySet<long> MemberOf { get; } = memberOf.ToHashSet();

    public Dictionary<string, long> Projects { get; } = new(StringComparer.Ordinal);

    public Dictionary<long, long> SweepProjects { get; } = [];

    public Dictionary<long, long> RunProjects { get; } = [];

    public Task<Caller?> CallerAsync() => Task.FromResult<Caller?>(new Caller(CallerKind.User, "member", false, 2, null, null, null, null, null));

    public Task<ProjectRole?> RoleInAsync(string projectKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(Projects.TryGetValue(projectKey, out var id) && MemberOf.Contains(id) ? Role : (ProjectRole?)null);

    public Task<IReadOnlySet<long>?> VisibleProjectsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlySet<long>?>(MemberOf);

    public Task<IReadOnlySet<long>> VisibleSweepsAsync(IReadOnlyCollection<long> sweepIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlySet<long>>(Visible(sweepIds, SweepProjects));

    public Task<IReadOnlySet<long>> VisibleRunsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlySet<long>>(Visible(runIds, RunProjects));

    private HashSet<long> Visible(IReadOnlyCollection<long> ids, Dictionary<long, long> projectOf) =>
        ids.Where(id => projectOf.TryGetValue(id, out var project) && MemberOf.Contains(project)).ToHashSet();
}
