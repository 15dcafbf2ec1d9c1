using System.Globalization;
using System.Security.Claims;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Auth;

/// <summary>Who is calling, read from the claims of a bearer key or the dashboard cookie; what they may do is <see cref="AccessControl"/>'s.</summary>
public sealed record Caller(
    CallerKind Kind,
    string Name,
    bool IsAdmin,
    long? UserId,
    long? KeyId,
    ApiKeyScope? KeyRole,
    long? KeyProjectId,
    long? RunId,
    long? SweepId)
{
    /// <summary>How the audit log names the caller.</summary>
    public string Label => Kind switch
    {
        CallerKind.User => $"user {Name}",
        CallerKind.RunToken => $"run {RunId}'s token",
        _ => $"key {Name} (#{KeyId})",
    };

    /// <summary>Keys and users, not run tokens or agent keys: they may look at projects, the catalog and the agents.</summary>
    public bool IsPerson => Kind is CallerKind.User or CallerKind.Key;

    public static Caller? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true } || principal.FindFirst(ApiKeyClaims.Scope)?.Value is not { } scope)
        {
            return null;
        }
        var name = principal.FindFirst(ClaimTypes.Name)?.Value ?? "";
        var userId = Id(principal, ApiKeyClaims.UserId);
        var keyId = Id(principal, ApiKeyClaims.KeyId);
        if (keyId is null)
        {
            return new Caller(CallerKind.User, name, scope == "admin", userId, null, null, null, null, null);
        }
        if (!EnumNames.TryParse<ApiKeyScope>(scope, out var role))
        {
            return null;
        }
        var kind = role switch
        {
            ApiKeyScope.Run => CallerKind.RunToken,
            ApiKeyScope.Agent or ApiKeyScope.SweepAgent => CallerKind.Agent,
            _ => CallerKind.Key,
        };
        return new Caller(kind, name, role == ApiKeyScope.Admin, userId, keyId, role,
            Id(principal, ApiKeyClaims.ProjectId), Id(principal, ApiKeyClaims.RunId), Id(principal, ApiKeyClaims.SweepId));
    }

    /// <summary>The principal of a valid key.</summary>
    public static ClaimsPrincipal PrincipalOf(ApiKeyIdentity key)
    {
        ArgumentNullException.ThrowIfNull(key);
        List<Claim> claims =
        [
            new(ClaimTypes.Name, key.Name),
            new(ApiKeyClaims.KeyId, key.KeyId.ToString(CultureInfo.InvariantCulture)),
            new(ApiKeyClaims.Scope, EnumNames.ToText(key.Scope)),
        ];
        Add(claims, ApiKeyClaims.UserId, key.UserId);
        Add(claims, ApiKeyClaims.ProjectId, key.ProjectId);
        Add(claims, ApiKeyClaims.RunId, key.RunId);
        Add(claims, ApiKeyClaims.SweepId, key.SweepId);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyClaims.Scheme));
    }

    private static void Add(List<Claim> claims, string type, long? value)
    {
        if (value is { } v)
        {
            claims.Add(new Claim(type, v.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static long? Id(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.FindFirst(type)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
