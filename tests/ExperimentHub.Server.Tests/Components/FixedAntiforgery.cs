using Microsoft.AspNetCore.Components.Forms;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>The antiforgery token a server-rendered form writes, fixed for the test (the endpoint checks it, not the component).</summary>
internal sealed class FixedAntiforgery : AntiforgeryStateProvider
{
    public const string Token = "test-antiforgery-token";

    public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
}
