using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages;

/// <summary>
/// A server-rendered form (no circuit yet: the user is not signed in). A valid admin key signs in with a cookie that
/// holds the key's id, then goes back to the page that asked for it.
/// </summary>
public partial class SignIn
{
    private string? _error;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [Inject] private DashboardSessions Sessions { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "signin")] private string? ApiKey { get; set; }

    [SupplyParameterFromQuery(Name = DashboardSignIn.ReturnUrlParameter)] private string? ReturnUrl { get; set; }

    private async Task SignInAsync()
    {
        var user = string.IsNullOrWhiteSpace(ApiKey) ? null : await Sessions.FindAsync(ApiKey, HttpContext.RequestAborted);
        if (user is null)
        {
            _error = DashboardSignIn.InvalidKeyMessage;
            return;
        }
        if (user.Scope != ApiKeyScope.Admin)
        {
            // Run tokens are handed to training scripts; they must not open the dashboard's controls.
            _error = DashboardSignIn.RunTokenMessage;
            return;
        }
        await HttpContext.SignInAsync(DashboardSignIn.CookieScheme, DashboardSessions.CreatePrincipal(user),
            new AuthenticationProperties { IsPersistent = true });
        Navigation.NavigateTo(LocalReturnUrl(ReturnUrl), forceLoad: true);
    }

    /// <summary>Only a path on this site: an absolute or protocol-relative URL would make this an open redirect.</summary>
    internal static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/projects";
}
