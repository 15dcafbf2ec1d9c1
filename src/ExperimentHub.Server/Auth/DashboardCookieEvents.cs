using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ExperimentHub.Server.Auth;

/// <summary>A cookie whose user is gone or changed between admin and not stops working on the next request.</summary>
internal sealed class DashboardCookieEvents(DashboardSessions sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (Caller.From(context.Principal) is not { Kind: CallerKind.User, UserId: { } userId } caller
            || !await sessions.IsCurrentAsync(userId, caller.IsAdmin, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardSignIn.CookieScheme);
        }
    }
}
