using System.Globalization;
using System.Threading.RateLimiting;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
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
    /// Bearer keys (keys with roles, run tokens, agent keys) for the API, a user's sign-in cookie for the dashboard, the
    /// policies and project roles, the rate limits on guessing, the audit log, and the first start.
    /// </summary>
    public static WebApplicationBuilder AddExperimentHubAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyIssuer>();
        builder.Services.AddSingleton<IRunTokenIssuer>(sp => sp.GetRequiredService<ApiKeyIssuer>());
        builder.Services.AddSingleton<ApiKeyResolver>();
        builder.Services.AddSingleton<FailedKeyThrottle>();
        builder.Services.AddSingleton<AccessControl>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddSingleton<ProjectMembers>();
        builder.Services.AddSingleton<KeyManager>();
        builder.Services.AddSingleton<SetupTokens>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<DashboardSessions>();
        builder.Services.AddSingleton<DashboardCookieEvents>();
        builder.Services.AddScoped<IDashboardAccess, DashboardAccess>();
        AddSignInRateLimit(builder.Services);
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
        // The API takes bearer keys only (a cookie must not make a cross-site request an API call); the dashboard takes both.
        string[] people = ["admin", "owner", "editor", "viewer", ApiKeyClaims.UserScope];
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Reader, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Person, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireClaim(ApiKeyClaims.Scope, people))
            .AddPolicy(AuthPolicies.Admin, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireClaim(ApiKeyClaims.Scope, "admin"))
            .AddPolicy(AuthPolicies.Agent, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireClaim(ApiKeyClaims.Scope, "admin", "agent", "sweep_agent"))
            .AddPolicy(AuthPolicies.Dashboard, p => p.AddAuthenticationSchemes(DashboardSignIn.SelectorScheme).RequireClaim(ApiKeyClaims.Scope, people))
            .AddPolicy(AuthPolicies.DashboardAdmin, p => p.AddAuthenticationSchemes(DashboardSignIn.SelectorScheme).RequireClaim(ApiKeyClaims.Scope, "admin"));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHostedService<FirstStartBootstrapper>();
        return builder;
    }

    /// <summary>
    /// ASP.NET Core's rate limiter on the sign-in and first-admin forms: a fixed window of posts per client IP address,
    /// answered 429 with Retry-After beyond it. Page loads (GET) are not counted.
    /// </summary>
    private static void AddSignInRateLimit(IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, IProblemDetailsService>((options, limits, problems) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(DashboardSignIn.RateLimitPolicy, context => HttpMethods.IsPost(context.Request.Method)
                && (context.Request.Path.StartsWithSegments(DashboardSignIn.SignInPath) || context.Request.Path.StartsWithSegments(DashboardSignIn.SetupPath))
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.Value.SignInAttempts,
                    Window = TimeSpan.FromSeconds(limits.Value.WindowSeconds),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(limits.Value.WindowSeconds);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "too many sign-in attempts from this address; try again later" },
                });
            };
        });
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
