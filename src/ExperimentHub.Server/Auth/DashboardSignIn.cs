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
    public const string ReturnUrlParameter = "returnUrl";
    /// <summary>The first characters of the key the user signed in with, to show who is signed in.</summary>
    public const string KeyPrefixClaim = "ehub:key_prefix";
    public const string InvalidKeyMessage = "That API key is not valid.";
    public const string RunTokenMessage = "That is a run token; sign in with an admin API key.";
}
