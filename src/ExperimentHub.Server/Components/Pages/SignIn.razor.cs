using ExperimentHub.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages;

/// <summary>
/// A server-rendered form (no circuit yet: the user is not signed in). A matching name and password sign in with a
/// cookie that holds the user's id, then go back to the page that asked for it. Posts are rate limited per address.
/// </summary>
public partial class SignIn
{
    private string? _error;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [Inject] private UserAccounts Users { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "signin")] private string? UserName { get; set; }

    [SupplyParameterFromForm(FormName = "signin")] private string? Password { get; set; }

    [SupplyParameterFromQuery(Name = DashboardSignIn.ReturnUrlParameter)] private string? ReturnUrl { get; set; }

    private async Task SignInAsync()
    {
        var user = string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password)
            ? null
            : await Users.VerifyAsync(UserName.Trim(), Password, HttpContext.RequestAborted);
        if (user is null)
        {
            _error = DashboardSignIn.InvalidSignInMessage;
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
