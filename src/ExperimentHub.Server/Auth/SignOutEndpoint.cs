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
        app.MapPost(DashboardSignIn.SignOutPath, (Func<HttpContext, Task<Results<RedirectHttpResult, ProblemHttpResult>>>)SignOutAsync)
            .AllowAnonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOutAsync(HttpContext context)
    {
        // The antiforgery middleware only records its verdict; endpoints without form binding must act on it.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: "Sign out with the form on the dashboard: the __RequestVerificationToken field is missing or not valid.");
        }
        await context.SignOutAsync(DashboardSignIn.CookieScheme);
        return TypedResults.Redirect(DashboardSignIn.SignInPath);
    }
}
