using ExperimentHub.Server.Auth;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// Opens the Hangfire dashboard to signed-in admins only: the <see cref="AuthPolicies.DashboardAdmin"/> policy of the
/// dashboard's admin pages (an admin's sign-in cookie, or an admin bearer key). Hangfire answers 401 to anyone
/// anonymous and 403 to a signed-in user who is not an admin (a project member, a run token).
/// </summary>
internal sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, AuthPolicies.DashboardAdmin)).Succeeded;
    }
}
