using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages;

/// <summary>
/// The first-start link's page (<c>/setup?token=...</c>): while its single-use secret is current, creates an admin
/// with the chosen name and password and signs them in. Server-rendered, rate limited per address like sign-in.
/// </summary>
public partial class Setup
{
    private bool _linkValid;
    private string? _error;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [Inject] private SetupTokens Tokens { get; set; } = default!;

    [Inject] private UserAccounts Users { get; set; } = default!;

    [Inject] private AuditLog Audit { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "token")] private string? QueryToken { get; set; }

    [SupplyParameterFromForm(FormName = "setup")] private string? Token { get; set; }

    [SupplyParameterFromForm(FormName = "setup")] private string? UserName { get; set; }

    [SupplyParameterFromForm(FormName = "setup")] private string? Password { get; set; }

    [SupplyParameterFromForm(FormName = "setup")] private string? Confirm { get; set; }

    private string? LinkToken => Token ?? QueryToken;

    protected override async Task OnInitializedAsync() =>
        _linkValid = await Tokens.IsValidAsync(LinkToken, HttpContext.RequestAborted);

    private async Task CreateAsync()
    {
        if (!_linkValid)
        {
            return;
        }
        var name = UserName?.Trim();
        var errors = UserAccounts.Validate(name, Password);
        if (errors.Count > 0)
        {
            _error = string.Join(" ", errors.Values.Select(e => char.ToUpperInvariant(e[0]) + e[1..] + "."));
            return;
        }
        if (!string.Equals(Password, Confirm, StringComparison.Ordinal))
        {
            _error = "The two passwords differ.";
            return;
        }
        if (await Users.FindAsync(name!, HttpContext.RequestAborted) is { PasswordHash: not null })
        {
            _error = $"A user named '{name}' can sign in already; choose another name.";
            return;
        }
        if (!await Tokens.ConsumeAsync(LinkToken, HttpContext.RequestAborted))
        {
            _linkValid = false;
            return;
        }
        var user = await Users.CreateAsync(name!, Password!, isAdmin: true, HttpContext.RequestAborted);
        if (user is null)
        {
            // Taken between the check and now; the secret is used up, and the next start prints a fresh one.
            _linkValid = false;
            return;
        }
        await Audit.RecordAsync("first-start link", AuditActions.UserCreate, $"user {user.Name}", detail: "admin");
        await HttpContext.SignInAsync(DashboardSignIn.CookieScheme, DashboardSessions.CreatePrincipal(user),
            new AuthenticationProperties { IsPersistent = true });
        Navigation.NavigateTo("/projects", forceLoad: true);
    }
}
