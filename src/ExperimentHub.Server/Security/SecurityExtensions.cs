using Microsoft.AspNetCore.Antiforgery;

namespace ExperimentHub.Server.Security;

public static class SecurityExtensions
{
    /// <summary>Every cookie (sign-in, antiforgery, any added later) is Secure when the request came over HTTPS.</summary>
    public static WebApplicationBuilder AddExperimentHubSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        builder.Services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>Security headers and the cookie policy, first in the pipeline so that every answer has them.</summary>
    public static WebApplication UseExperimentHubSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        return app;
    }
}
