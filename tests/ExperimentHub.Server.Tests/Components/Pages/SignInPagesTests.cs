using System.Security.Claims;
using Bunit;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Forms.Mapping;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>
/// The server-rendered sign-in and first-admin pages with a posted form (the values their [SupplyParameterFromForm]
/// properties get) and the request's authentication service; the HTTP round trip itself: Auth/SetupPageTests.
/// </summary>
public sealed class SignInPagesTests
{
    private readonly RecordingAuthentication _authentication = new();

    /// <summary>What the browser posted: filled in before the page renders, as the request carries it.</summary>
    private readonly Dictionary<string, string?> _posted = new(StringComparer.Ordinal);

    private BunitContext Create(string formName, params (string Name, string? Value)[] posted)
    {
        foreach (var (name, value) in posted)
        {
            _posted[name] = value;
        }
        var ctx = ComponentTests.Create().AddAccounts();
        ctx.Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        ctx.Services.AddSupplyValueFromFormProvider();
        ctx.Services.AddSingleton<IFormValueMapper>(new PostedForm(formName, _posted));
        return ctx;
    }

    private DefaultHttpContext Request() =>
        new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<IAuthenticationService>(_authentication).BuildServiceProvider() };

    private static string Uri(BunitContext ctx) => ctx.Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public async Task The_sign_in_form_posts_its_fields_with_the_antiforgery_token_and_shows_no_error_yet()
    {
        await using var ctx = Create("signin");

        var cut = ctx.Render<SignIn>(p => p.AddCascadingValue(Request()));

        var form = cut.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(["UserName", "Password"], form.QuerySelectorAll("input:not([type=hidden])").Select(i => i.GetAttribute("name")));
        Assert.Equal(FixedAntiforgery.Token, form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"));
        Assert.Equal("", cut.Find("#signin-error").TextContent);
        Assert.All(form.QuerySelectorAll("input:not([type=hidden])"), i => Assert.Equal("false", i.GetAttribute("aria-invalid")));
    }

    [Theory]
    [InlineData("ana", "not her password")]
    [InlineData("nobody", "ana's long password")]
    [InlineData("ana", null)]
    public async Task A_wrong_name_or_password_is_refused_at_the_fields_and_signs_no_one_in(string name, string? password)
    {
        await using var ctx = Create("signin", ("UserName", name), ("Password", password));
        await ctx.Services.GetRequiredService<UserAccounts>().CreateAsync("ana", "ana's long password", isAdmin: false, CancellationToken.None);
        var cut = ctx.Render<SignIn>(p => p.AddCascadingValue(Request()));

        await cut.InvokeAsync(() => cut.Find("form").SubmitAsync());

        cut.WaitForAssertion(() => Assert.Equal(DashboardSignIn.InvalidSignInMessage, cut.Find("#signin-error").TextContent));
        Assert.Equal(name, cut.Find("#userName").GetAttribute("value"));
        Assert.All(cut.FindAll("form input:not([type=hidden])"), i => Assert.Equal("true", i.GetAttribute("aria-invalid")));
        Assert.Empty(_authentication.SignIns);
        Assert.DoesNotContain("projects", Uri(ctx), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sweeps/4", "http://localhost/sweeps/4")]
    [InlineData("https://evil.example/x", "http://localhost/projects")]
    [InlineData("//evil.example/x", "http://localhost/projects")]
    public async Task The_right_password_signs_in_with_the_cookie_and_goes_back_only_to_a_page_of_this_site(string returnUrl, string landing)
    {
        await using var ctx = Create("signin", ("UserName", " ana "), ("Password", "ana's long password"));
        await ctx.Services.GetRequiredService<UserAccounts>().CreateAsync("ana", "ana's long password", isAdmin: false, CancellationToken.None);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"signin?{DashboardSignIn.ReturnUrlParameter}={System.Uri.EscapeDataString(returnUrl)}");
        var cut = ctx.Render<SignIn>(p => p.AddCascadingValue(Request()));

        await cut.InvokeAsync(() => cut.Find("form").SubmitAsync());

        var (scheme, principal) = Assert.Single(_authentication.SignIns);
        Assert.Equal(DashboardSignIn.CookieScheme, scheme);
        Assert.Equal("ana", principal.FindFirstValue(ClaimTypes.Name));
        Assert.Equal(ApiKeyClaims.UserScope, principal.FindFirstValue(ApiKeyClaims.Scope));
        Assert.Equal(landing, Uri(ctx));
    }

    [Fact]
    public async Task A_setup_link_that_is_not_current_says_so_and_offers_no_form()
    {
        await using var ctx = Create("setup");
        await ctx.Services.GetRequiredService<SetupTokens>().IssueAsync(CancellationToken.None);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("setup?token=guessed");

        var cut = ctx.Render<Setup>(p => p.AddCascadingValue(Request()));

        Assert.Contains("This link is not valid", cut.WaitForElement("[data-testid=setup-invalid]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
    }

    [Theory]
    [InlineData("root", "long enough password", "another long password", "The two passwords differ.")]
    [InlineData("root", "short", "short", "A password has 10 to 200 characters.")]
    [InlineData("", "long enough password", "long enough password", "A user name has 1 to 64 letters, digits, '.', '_' or '-'.")]
    public async Task A_bad_first_admin_is_named_and_nothing_is_made_and_the_link_stays_usable(string name, string password, string confirm, string error)
    {
        await using var ctx = Create("setup", ("UserName", name), ("Password", password), ("Confirm", confirm));
        var tokens = ctx.Services.GetRequiredService<SetupTokens>();
        _posted["Token"] = await tokens.IssueAsync(CancellationToken.None);
        var cut = ctx.Render<Setup>(p => p.AddCascadingValue(Request()));

        await cut.InvokeAsync(() => cut.Find("form").SubmitAsync());

        cut.WaitForAssertion(() => Assert.Equal(error, cut.Find("#setup-error").TextContent));
        Assert.Empty(await ctx.Services.GetRequiredService<UserAccounts>().ListAsync(CancellationToken.None));
        Assert.True(await tokens.IsValidAsync(_posted["Token"], CancellationToken.None));
        Assert.Empty(_authentication.SignIns);
    }

    [Fact]
    public async Task A_good_first_admin_is_made_signed_in_and_recorded_and_the_link_is_used_up()
    {
        await using var ctx = Create("setup", ("UserName", "root"), ("Password", "long enough password"), ("Confirm", "long enough password"));
        var tokens = ctx.Services.GetRequiredService<SetupTokens>();
        var secret = await tokens.IssueAsync(CancellationToken.None);
        _posted["Token"] = secret;
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("setup?token=" + secret);
        var cut = ctx.Render<Setup>(p => p.AddCascadingValue(Request()));
        Assert.Equal(secret, cut.Find("input[name=Token]").GetAttribute("value"));

        await cut.InvokeAsync(() => cut.Find("form").SubmitAsync());

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/projects", Uri(ctx)));
        var root = await ctx.Services.GetRequiredService<UserAccounts>().VerifyAsync("root", "long enough password", CancellationToken.None);
        Assert.True(root?.IsAdmin);
        var (scheme, principal) = Assert.Single(_authentication.SignIns);
        Assert.Equal((DashboardSignIn.CookieScheme, "admin"), (scheme, principal.FindFirstValue(ApiKeyClaims.Scope)));
        Assert.False(await tokens.IsValidAsync(secret, CancellationToken.None));
        var events = await ctx.Services.GetRequiredService<AuditLog>().ListAsync(null, 10, CancellationToken.None);
        Assert.Contains(events, e => e.Actor == "first-start link" && e.Action == AuditActions.UserCreate && e.Target == "user root");
    }
}
