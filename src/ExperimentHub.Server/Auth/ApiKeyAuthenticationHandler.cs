using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ExperimentHub.Server.Data.Converters;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Auth;

/// <summary><c>Authorization: Bearer &lt;key&gt;</c>: an admin API key or a run token.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyResolver resolver,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer <api key>'");
        }
        var identity = await resolver.ResolveAsync(header[7..].Trim(), Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("the API key is not valid");
        }
        List<Claim> claims =
        [
            new(ClaimTypes.Name, identity.Name),
            new(ApiKeyClaims.KeyId, identity.KeyId.ToString(CultureInfo.InvariantCulture)),
            new(ApiKeyClaims.Scope, EnumNames.ToText(identity.Scope)),
        ];
        if (identity.RunId is { } runId)
        {
            claims.Add(new Claim(ApiKeyClaims.RunId, runId.ToString(CultureInfo.InvariantCulture)));
        }
        if (identity.SweepId is { } sweepId)
        {
            claims.Add(new Claim(ApiKeyClaims.SweepId, sweepId.ToString(CultureInfo.InvariantCulture)));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyClaims.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyClaims.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            result.Failure?.Message ?? "this call needs an API key: send 'Authorization: Bearer <api key>'");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "this API key may not make this call: it needs an admin key");
    }

    private Task WriteProblemAsync(int status, string title, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { ["Authorization"] = [detail] } },
            },
        }).AsTask();
}
