using System.Globalization;
using System.Text.Encodings.Web;
using ExperimentHub.Contracts.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>: a key with a role, a run token or an agent key. Refused keys answer 401 with
/// the reason; a client that sent too many refused keys answers 429 with Retry-After (<see cref="FailedKeyThrottle"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyResolver resolver,
    FailedKeyThrottle throttle,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private TimeSpan? _throttledFor;
    private string? _endedRunStatus;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        var client = Context.Connection.RemoteIpAddress;
        if (throttle.Blocked(client) is { } wait)
        {
            _throttledFor = wait;
            return AuthenticateResult.Fail("too many refused API keys from this address; try again later");
        }
        if (ApiKeyTokens.FromBearerHeader(header) is not { } token)
        {
            throttle.Failed(client);
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer <api key>'");
        }
        var check = await resolver.ResolveAsync(token, Context.RequestAborted);
        if (check.Identity is not { } identity)
        {
            // Guesses count against the address; a real key that was revoked, expired or whose run ended does not
            // (a trial's late calls after its end are no attack, and must not lock its machine's other trials out).
            if (check.Refusal is null or ApiKeyResolver.InvalidKey)
            {
                throttle.Failed(client);
            }
            _endedRunStatus = check.EndedRunStatus;
            return AuthenticateResult.Fail(check.Refusal ?? ApiKeyResolver.InvalidKey);
        }
        return AuthenticateResult.Success(new AuthenticationTicket(Caller.PrincipalOf(identity), ApiKeyClaims.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (_throttledFor is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many requests", result.Failure!.Message);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            result.Failure?.Message ?? "this call needs an API key: send 'Authorization: Bearer <api key>'", _endedRunStatus);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var why = Caller.From(Context.User)?.Kind switch
        {
            CallerKind.RunToken => "a run token may use its own run (and read its sweep) only",
            CallerKind.Agent => "an agent key serves the agent hub only",
            _ => "this call needs an admin key",
        };
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", why);
    }

    private Task WriteProblemAsync(int status, string title, string detail, string? endedRunStatus = null)
    {
        var context = new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { ["Authorization"] = [detail] } },
            },
        };
        if (endedRunStatus is not null)
        {
            context.ProblemDetails.Extensions[RunEndedProblem.RunStatus] = endedRunStatus;
        }
        return problems.WriteAsync(context).AsTask();
    }
}
