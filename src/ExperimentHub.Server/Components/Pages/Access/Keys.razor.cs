using System.Globalization;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Auth;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages.Access;

/// <summary>
/// The signed-in user's keys (all keys for admins, a project's keys for its owners): make one (shown once), revoke
/// one. The same rules as <c>/api/v1/keys</c>, through the same <see cref="KeyManager"/>.
/// </summary>
public sealed partial class Keys
{
    private readonly string[] _roles = ["viewer", "editor", "owner", "admin", "agent"];
    private IReadOnlyList<KeyDto>? _keys;
    private string _name = "";
    private string _role = "editor";
    private string? _project;
    private string? _expires;
    private string? _error;

    /// <summary>The form field the error is about (KeyManager's field names), shown there; null for an error of the whole form.</summary>
    private string? _errorField;
    private CreatedKeyDto? _created;

    [Inject] private KeyManager KeyManager { get; set; } = default!;

    [Inject] private IDashboardAccess Access { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private bool IsAtFault(string field) => string.Equals(_errorField, field, StringComparison.Ordinal);

    private async Task LoadAsync() =>
        _keys = await Access.CallerAsync() is { } caller ? await KeyManager.ListAsync(caller, CancellationToken.None) : [];

    private async Task CreateAsync()
    {
        _error = null;
        _errorField = null;
        _created = null;
        if (await Access.CallerAsync() is not { } caller)
        {
            return;
        }
        DateTimeOffset? expires = null;
        if (!string.IsNullOrWhiteSpace(_expires))
        {
            if (!DateTimeOffset.TryParse(_expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                (_errorField, _error) = ("expiresAt", $"'{_expires}' is not a date (yyyy-mm-dd)");
                return;
            }
            expires = parsed;
        }
        var project = string.IsNullOrWhiteSpace(_project) ? null : _project.Trim();
        var result = await KeyManager.CreateAsync(caller, new CreateKeyRequest(_name, _role, project, expires), CancellationToken.None);
        if (result.Value is null)
        {
            // A field's error stands at that field; one about the caller (Authorization) above the form's result.
            (_errorField, _error) = result.Field is "name" or "role" or "project" or "expiresAt" ? (result.Field, result.Error) : (null, $"{result.Field}: {result.Error}");
            return;
        }
        _created = result.Value;
        _name = "";
        await LoadAsync();
    }

    private async Task RevokeAsync(KeyDto key)
    {
        if (await Access.CallerAsync() is not { } caller)
        {
            return;
        }
        var result = await KeyManager.RevokeAsync(caller, key.Id, CancellationToken.None);
        _errorField = null;
        _error = result.Value is null ? result.Error : null;
        await LoadAsync();
    }
}
