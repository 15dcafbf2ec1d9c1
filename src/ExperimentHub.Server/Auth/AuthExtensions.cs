using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExperimentHub.Server.Auth;

public static class AuthExtensions
{
    /// <summary>Bearer API keys (admin keys and run tokens), the two policies, and the bootstrap admin key.</summary>
    public static WebApplicationBuilder AddExperimentHubAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyResolver>();
        builder.Services.AddAuthentication(ApiKeyClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyClaims.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Reader, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Admin, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireClaim(ApiKeyClaims.Scope, "admin"));
        builder.Services.AddHostedService<AdminKeyBootstrapper>();
        return builder;
    }
}
