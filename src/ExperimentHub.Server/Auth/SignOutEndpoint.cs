using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Auth;

/// <summary>POST /signout (a form with the antiforgery token, so another site cannot sign the user out).</summary>
public static class SignOutEndpoint
{
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(DashboardSignIn.SignOutPath, (Func<HttpContext, Task<RedirectHttpResult>>)SignOutAsync)
            .AllowAnonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(DashboardSignIn.CookieScheme);
        return TypedResults.Redirect(DashboardSignIn.SignInPath);
    }
}
