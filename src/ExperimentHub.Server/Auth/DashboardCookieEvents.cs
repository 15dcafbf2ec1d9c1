using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ExperimentHub.Server.Auth;

/// <summary>A cookie whose key was revoked (or is gone) stops working on the next request.</summary>
internal sealed class DashboardCookieEvents(DashboardSessions sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (DashboardSessions.KeyIdOf(context.Principal) is not { } keyId
            || !await sessions.IsActiveAsync(keyId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardSignIn.CookieScheme);
        }
    }
}
