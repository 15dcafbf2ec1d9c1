using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>The request's authentication service for a server-rendered page under bUnit: records who was signed in with which scheme.</summary>
internal sealed class RecordingAuthentication : IAuthenticationService
{
    public List<(string? Scheme, ClaimsPrincipal Principal)> SignIns { get; } = [];

    public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties)
    {
        SignIns.Add((scheme, principal));
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) => Task.FromResult(AuthenticateResult.NoResult());

    public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => throw new NotSupportedException("the sign-in pages never challenge");

    public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => throw new NotSupportedException("the sign-in pages never forbid");

    public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => throw new NotSupportedException("the sign-in pages never sign out");
}
