using System.Globalization;
using System.Security.Claims;

namespace ExperimentHub.Server.Auth;

/// <summary>Who may write to a run: admin keys, and the run's own tokens.</summary>
public static class RunAccess
{
    public static bool IsAdmin(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(ApiKeyClaims.Scope, "admin");
    }

    public static bool CanWrite(ClaimsPrincipal user, long runId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IsAdmin(user) || user.HasClaim(ApiKeyClaims.RunId, runId.ToString(CultureInfo.InvariantCulture));
    }
}
