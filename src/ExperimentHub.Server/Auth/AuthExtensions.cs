using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Auth;

public static class AuthExtensions
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    /// <summary>
    /// Bearer API keys (admin keys and run tokens) for the API, a sign-in cookie for the dashboard, the policies, and
    /// the bootstrap admin key.
    /// </summary>
    public static WebApplicationBuilder AddExperimentHubAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyIssuer>();
        builder.Services.AddSingleton<IRunTokenIssuer>(sp => sp.GetRequiredService<ApiKeyIssuer>());
        builder.Services.AddSingleton<ApiKeyResolver>();
        builder.Services.AddSingleton<DashboardSessions>();
        builder.Services.AddSingleton<DashboardCookieEvents>();
        AddPersistedDataProtection(builder.Services);

        builder.Services.AddAuthentication(DashboardSignIn.SelectorScheme)
            .AddPolicyScheme(DashboardSignIn.SelectorScheme, "Bearer API key or sign-in cookie", o =>
                o.ForwardDefaultSelector = context => string.IsNullOrEmpty(context.Request.Headers.Authorization)
                    ? DashboardSignIn.CookieScheme
                    : ApiKeyClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyClaims.Scheme, null)
            .AddCookie(DashboardSignIn.CookieScheme, o =>
            {
                o.Cookie.Name = DashboardSignIn.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = CookieLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = DashboardSignIn.SignInPath;
                o.LogoutPath = DashboardSignIn.SignOutPath;
                o.ReturnUrlParameter = DashboardSignIn.ReturnUrlParameter;
                o.EventsType = typeof(DashboardCookieEvents);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Reader, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Admin, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireClaim(ApiKeyClaims.Scope, "admin"))
            .AddPolicy(AuthPolicies.Agent, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireClaim(ApiKeyClaims.Scope, "admin", "sweep_agent"))
            .AddPolicy(AuthPolicies.Dashboard, p => p.AddAuthenticationSchemes(DashboardSignIn.SelectorScheme).RequireClaim(ApiKeyClaims.Scope, "admin"));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHostedService<AdminKeyBootstrapper>();
        return builder;
    }

    /// <summary>Data-protection keys under {DataDir}/keys, so that sign-in cookies survive a restart.</summary>
    private static void AddPersistedDataProtection(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("ExperimentHub");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StoreOptions>, ILoggerFactory>((options, store, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(store.Value.DataDirectory, "keys")), loggers));
    }
}
