using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// The dashboard's changes as the signed-in user of the circuit: each is refused unless their role allows it (the
/// pages hide what it would refuse, this is the check that counts) and recorded in the audit log when it succeeds.
/// </summary>
internal sealed class AuthorizedDashboardCommands(
    DbDashboardCommands inner, IDashboardAccess dashboard, AccessControl access, ProjectMembers members, AuditLog audit) : IDashboardCommands
{
    public async Task<CommandResult<ProjectSummary>> CreateProjectAsync(string key, string name, string? description, CancellationToken cancellationToken)
    {
        if (await dashboard.CallerAsync() is not { } caller || !AccessControl.MayCreateProjects(caller))
        {
            return CommandResults.Fail<ProjectSummary>("key", "You may not create projects.");
        }
        var result = await inner.CreateProjectAsync(key, name, description, cancellationToken);
        if (result.Value is { } project)
        {
            if (!caller.IsAdmin && caller.UserId is { } creator)
            {
                await members.SetAsync(project.Id, creator, ProjectRole.Owner, cancellationToken);
            }
            await audit.RecordAsync(caller.Label, AuditActions.ProjectCreate, $"project {project.Key}", project.Key);
        }
        return result;
    }

    public async Task<CommandResult<long>> SubmitSweepAsync(string projectKey, string specYaml, CancellationToken cancellationToken)
    {
        var caller = await dashboard.CallerAsync();
        var project = await access.ProjectOfKeyAsync(projectKey, cancellationToken);
        if (caller is null || project is null || await access.RoleInAsync(caller, project.ProjectId, cancellationToken) is not >= ProjectRole.Editor)
        {
            return CommandResults.Fail<long>("", $"You may not launch sweeps in project '{projectKey}': that needs the editor role.");
        }
        var result = await inner.SubmitSweepAsync(projectKey, specYaml, cancellationToken);
        if (result.Succeeded)
        {
            await audit.RecordAsync(caller.Label, AuditActions.SweepLaunch, $"sweep {result.Value}", projectKey);
        }
        return result;
    }

    public Task<CommandResult<bool>> PauseSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        ControlAsync(sweepId, AuditActions.SweepPause, inner.PauseSweepAsync, cancellationToken);

    public Task<CommandResult<bool>> ResumeSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        ControlAsync(sweepId, AuditActions.SweepResume, inner.ResumeSweepAsync, cancellationToken);

    public Task<CommandResult<bool>> StopSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        ControlAsync(sweepId, AuditActions.SweepStop, inner.StopSweepAsync, cancellationToken);

    private async Task<CommandResult<bool>> ControlAsync(
        long sweepId, string action, Func<long, CancellationToken, Task<CommandResult<bool>>> change, CancellationToken cancellationToken)
    {
        var caller = await dashboard.CallerAsync();
        var project = await access.ProjectOfSweepAsync(sweepId, cancellationToken);
        if (caller is null || project is null || await access.RoleInAsync(caller, project.ProjectId, cancellationToken) is not >= ProjectRole.Editor)
        {
            return CommandResults.Fail<bool>("", "You may not control this sweep: that needs the editor role in its project.");
        }
        var result = await change(sweepId, cancellationToken);
        if (result.Succeeded)
        {
            await audit.RecordAsync(caller.Label, action, $"sweep {sweepId}", project.ProjectKey);
        }
        return result;
    }
}
