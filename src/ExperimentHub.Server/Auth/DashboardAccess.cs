using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// <see cref="AccessControl"/> for the signed-in user of a circuit: pages ask it what to show (launch and stop buttons,
/// the new-sweep form, projects), and <c>AuthorizedDashboardCommands</c> checks it again before acting.
/// </summary>
public sealed class DashboardAccess(AuthenticationStateProvider authentication, AccessControl access) : IDashboardAccess
{
    public async Task<Caller?> CallerAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Caller.From(state.User);
    }

    public async Task<ProjectRole?> RoleInAsync(string projectKey, CancellationToken cancellationToken = default) =>
        await CallerAsync() is { } caller && await access.ProjectOfKeyAsync(projectKey, cancellationToken) is { } project
            ? await access.RoleInAsync(caller, project.ProjectId, cancellationToken)
            : null;

    public async Task<IReadOnlySet<long>?> VisibleProjectsAsync(CancellationToken cancellationToken = default) =>
        await CallerAsync() is { } caller ? await access.VisibleProjectsAsync(caller, cancellationToken) : new HashSet<long>();

    public async Task<IReadOnlySet<long>> VisibleSweepsAsync(IReadOnlyCollection<long> sweepIds, CancellationToken cancellationToken = default) =>
        Visible(await access.ProjectsOfSweepsAsync(sweepIds, cancellationToken), await VisibleProjectsAsync(cancellationToken));

    public async Task<IReadOnlySet<long>> VisibleRunsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken = default) =>
        Visible(await access.ProjectsOfRunsAsync(runIds, cancellationToken), await VisibleProjectsAsync(cancellationToken));

    private static HashSet<long> Visible(IReadOnlyDictionary<long, long> projectOf, IReadOnlySet<long>? projects) =>
        projectOf.Where(p => projects is null || projects.Contains(p.Value)).Select(p => p.Key).ToHashSet();
}
