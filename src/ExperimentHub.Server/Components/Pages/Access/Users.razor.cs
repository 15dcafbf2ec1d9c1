using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages.Access;

/// <summary>Admins add users and give them roles in projects; each change goes to the audit log.</summary>
public sealed partial class Users
{
    private IReadOnlyList<User>? _users;
    private string _newName = "";
    private string _newPassword = "";
    private bool _newAdmin;
    private string _memberUser = "";
    private string _memberProject = "";
    private ProjectRole? _memberRole = ProjectRole.Viewer;
    /// <summary>What the last change did; errors stand at their fields instead.</summary>
    private string? _message;

    /// <summary>The fields at fault and what is wrong with each, shown at the field.</summary>
    private Dictionary<string, string> _faults = new(StringComparer.Ordinal);

    [Inject] private UserAccounts Accounts { get; set; } = default!;

    [Inject] private ProjectMembers Members { get; set; } = default!;

    [Inject] private AccessControl AccessControl { get; set; } = default!;

    [Inject] private IDashboardAccess Access { get; set; } = default!;

    [Inject] private AuditLog AuditLog { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _users = await Accounts.ListAsync(CancellationToken.None);

    private async Task CreateUserAsync()
    {
        var name = _newName.Trim();
        var errors = UserAccounts.Validate(name, _newPassword);
        if (errors.Count > 0)
        {
            Fault(errors);
            return;
        }
        var user = await Accounts.CreateAsync(name, _newPassword, _newAdmin, CancellationToken.None);
        if (user is null)
        {
            Fault(new() { ["name"] = $"a user named '{name}' exists already" });
            return;
        }
        await AuditLog.RecordAsync(await ActorAsync(), AuditActions.UserCreate, $"user {user.Name}", detail: user.IsAdmin ? "admin" : null);
        _newName = _newPassword = "";
        Say($"User {user.Name} created.");
        _users = await Accounts.ListAsync(CancellationToken.None);
    }

    private async Task SetMemberAsync()
    {
        var project = await AccessControl.ProjectOfKeyAsync(_memberProject.Trim(), CancellationToken.None);
        var user = await Accounts.FindAsync(_memberUser.Trim(), CancellationToken.None);
        if (project is null || user is null)
        {
            var faults = new Dictionary<string, string>(StringComparer.Ordinal);
            if (project is null)
            {
                faults["memberProject"] = $"there is no project '{_memberProject}'";
            }
            if (user is null)
            {
                faults["memberUser"] = $"there is no user '{_memberUser}'";
            }
            Fault(faults);
            return;
        }
        if (_memberRole is { } role)
        {
            await Members.SetAsync(project.ProjectId, user.Id, role, CancellationToken.None);
            await AuditLog.RecordAsync(await ActorAsync(), AuditActions.MemberSet, $"user {user.Name}", project.ProjectKey, EnumNames.ToText(role));
            Say($"{user.Name} is now {EnumNames.ToText(role)} in {project.ProjectKey}.");
        }
        else
        {
            await Members.RemoveAsync(project.ProjectId, user.Id, CancellationToken.None);
            await AuditLog.RecordAsync(await ActorAsync(), AuditActions.MemberRemove, $"user {user.Name}", project.ProjectKey);
            Say($"{user.Name} has no role in {project.ProjectKey} now.");
        }
    }

    private async Task<string> ActorAsync() => (await Access.CallerAsync())?.Label ?? "dashboard";

    private bool IsAtFault(string field) => _faults.ContainsKey(field);

    private string? FieldError(string field) => _faults.GetValueOrDefault(field);

    private void Fault(Dictionary<string, string> faults)
    {
        _faults = faults;
        _message = null;
    }

    private void Say(string message)
    {
        _faults = new(StringComparer.Ordinal);
        _message = message;
    }
}
