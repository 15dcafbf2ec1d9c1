using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// The dashboard's view of <see cref="AccessControl"/> for the signed-in user of a circuit: pages ask it what to show
/// (launch and stop buttons, the new-sweep form, keys and members) and check it again before acting.
/// </summary>
public sealed class DashboardAccess(AuthenticationStateProvider authentication, AccessControl access)
{
    public async Task<Caller?> CallerAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Caller.From(state.User);
    }

    public async Task<ProjectRole?> RoleInAsync(long projectId, CancellationToken cancellationToken = default) =>
        await CallerAsync() is { } caller ? await access.RoleInAsync(caller, projectId, cancellationToken) : null;

    /// <summary>Whether the user has at least <paramref name="needed"/> in the project.</summary>
    public async Task<bool> HasRoleAsync(long projectId, ProjectRole needed, CancellationToken cancellationToken = default) =>
        await RoleInAsync(projectId, cancellationToken) is { } role && role >= needed;

    /// <summary>The projects the user may see; null means all (admins).</summary>
    public async Task<IReadOnlySet<long>?> VisibleProjectsAsync(CancellationToken cancellationToken = default) =>
        await CallerAsync() is { } caller ? await access.VisibleProjectsAsync(caller, cancellationToken) : new HashSet<long>();

    public async Task<bool> IsAdminAsync() => (await CallerAsync())?.IsAdmin == true;
}
