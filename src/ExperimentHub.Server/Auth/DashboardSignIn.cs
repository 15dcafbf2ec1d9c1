namespace ExperimentHub.Server.Auth;

/// <summary>Names for the dashboard's cookie sign-in, beside the bearer scheme of the API.</summary>
public static class DashboardSignIn
{
    /// <summary>The default scheme: bearer when an Authorization header is present, the cookie otherwise.</summary>
    public const string SelectorScheme = "ehub";
    public const string CookieScheme = "ehub-cookie";
    public const string CookieName = "ehub.auth";
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    /// <summary>The first-start page that creates the first admin: <c>/setup?token=...</c>.</summary>
    public const string SetupPath = "/setup";
    public const string ReturnUrlParameter = "returnUrl";
    public const string InvalidSignInMessage = "That user name and password do not match.";
    /// <summary>The rate limiter policy of the sign-in and setup forms.</summary>
    public const string RateLimitPolicy = "ehub-signin";
}
