using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Auth;

public sealed class DashboardSignInTests : IClassFixture<ExperimentHubFactory>
{
    private readonly ExperimentHubFactory _factory;

    public DashboardSignInTests(ExperimentHubFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/projects", "/signin?returnUrl=%2Fprojects")]
    [InlineData("/", "/signin?returnUrl=%2F")]
    [InlineData("/ui/runs/1/artifacts/model.bin", "/signin?returnUrl=%2Fui%2Fruns%2F1%2Fartifacts%2Fmodel.bin")]
    public async Task A_page_without_a_sign_in_redirects_to_the_sign_in_page(string url, string expected)
    {
        using var browser = new BrowserLikeClient(_factory);
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task The_blazor_hub_refuses_a_connection_without_a_sign_in()
    {
        using var browser = new BrowserLikeClient(_factory);
        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1"));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_the_sign_in_page_need_no_sign_in()
    {
        using var browser = new BrowserLikeClient(_factory);
        using var health = await browser.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var page = await browser.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("name=\"UserName\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("blazor.web.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_signs_in_with_a_persistent_http_only_lax_cookie_holding_no_password()
    {
        await _factory.EnsureUserAsync("cookie-user", isAdmin: true);
        using var browser = new BrowserLikeClient(_factory);
        var token = await browser.FormTokenAsync("/signin?returnUrl=%2Fagents");
        using var response = await browser.PostSignInAsync("cookie-user", ExperimentHubFactory.UserPassword, token, "/signin?returnUrl=%2Fagents");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/agents", response.Headers.Location?.AbsolutePath);
        var cookie = BrowserLikeClient.LastSetCookie(response, DashboardSignIn.CookieName);
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ExperimentHubFactory.UserPassword, cookie, StringComparison.Ordinal);

        using var page = await browser.GetAsync("/agents");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_as_password_hasher_hashes()
    {
        await _factory.EnsureUserAsync("hashed-user");
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using var db = await contexts.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Name == "hashed-user");
        Assert.NotNull(user.PasswordHash);
        Assert.DoesNotContain(ExperimentHubFactory.UserPassword, user.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success,
            new Microsoft.AspNetCore.Identity.PasswordHasher<User>().VerifyHashedPassword(user, user.PasswordHash!, ExperimentHubFactory.UserPassword));
    }

    [Theory]
    [InlineData("wrong-user", ExperimentHubFactory.UserPassword)]
    [InlineData("signin-user", "not-the-password")]
    [InlineData("signin-user", "")]
    [InlineData("", "")]
    public async Task A_wrong_name_or_password_shows_one_error_and_signs_nobody_in(string userName, string password)
    {
        await _factory.EnsureUserAsync("signin-user");
        using var browser = new BrowserLikeClient(_factory);
        var token = await browser.FormTokenAsync();
        using var response = await browser.PostSignInAsync(userName, password, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(DashboardSignIn.InvalidSignInMessage, html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Null(BrowserLikeClient.LastSetCookie(response, DashboardSignIn.CookieName));
        using var page = await browser.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
    }

    [Fact]
    public async Task A_run_token_does_not_open_the_dashboard()
    {
        var (_, runToken) = await NewRunAsync("tok");
        using var client = _factory.CreateClientWith(runToken);
        using var response = await client.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        await _factory.EnsureUserAsync("antiforgery-user");
        using var browser = new BrowserLikeClient(_factory);
        await browser.FormTokenAsync();
        using var response = await browser.PostSignInAsync("antiforgery-user", ExperimentHubFactory.UserPassword, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(BrowserLikeClient.LastSetCookie(response, DashboardSignIn.CookieName));
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    public async Task A_return_url_off_this_site_goes_to_the_projects_instead(string returnUrl)
    {
        await _factory.EnsureUserAsync("redirect-user");
        using var browser = new BrowserLikeClient(_factory);
        var url = "/signin?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = await browser.FormTokenAsync(url);
        using var response = await browser.PostSignInAsync("redirect-user", ExperimentHubFactory.UserPassword, token, url);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location?.Host);
        Assert.Equal("/projects", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task The_cookie_downloads_artifacts_from_the_ui_route()
    {
        var (id, runToken) = await NewRunAsync("art");
        using var uploader = _factory.CreateClientWith(runToken);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("weights"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        (await uploader.PutAsync($"/api/v1/runs/{id}/artifacts/model.bin", content)).EnsureSuccessStatusCode();

        using var browser = new BrowserLikeClient(_factory);
        using (var anonymous = await browser.GetAsync($"/ui/runs/{id}/artifacts/model.bin"))
        {
            Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
        }
        await browser.SignInAsync("artifact-admin");
        using var download = await browser.GetAsync($"/ui/runs/{id}/artifacts/model.bin");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("weights", await download.Content.ReadAsStringAsync());

        using var outsider = new BrowserLikeClient(_factory);
        await outsider.SignInAsync("artifact-outsider", isAdmin: false);
        using var refused = await outsider.GetAsync($"/ui/runs/{id}/artifacts/model.bin");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_api_keeps_its_bearer_rules_and_ignores_the_cookie()
    {
        using var browser = new BrowserLikeClient(_factory);
        await browser.SignInAsync("api-cookie-admin");
        using (var withCookie = await browser.GetAsync("/api/v1/projects"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
            Assert.Equal("Bearer", withCookie.Headers.WwwAuthenticate.ToString());
        }

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ExperimentHubFactory.AdminKey);
        using var withBearer = await browser.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, withBearer.StatusCode);

        using var admin = _factory.CreateClientWith("wrong-key-0123456789");
        using var wrong = await admin.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task A_cookie_stops_working_when_its_user_is_no_longer_an_admin()
    {
        using var browser = new BrowserLikeClient(_factory);
        await browser.SignInAsync("demoted-admin");
        using (var before = await browser.GetAsync("/projects"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Name == "demoted-admin");
            user.IsAdmin = false;
            await db.SaveChangesAsync();
        }
        // What a change to a user does: the sessions' short memory of users is dropped.
        _factory.Services.GetRequiredService<DashboardSessions>().Forget();

        using var after = await browser.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        using var browser = new BrowserLikeClient(_factory);
        await browser.SignInAsync("signout-admin");
        using (var forged = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/signout")
               {
                   Content = new FormUrlEncodedContent([]),
               }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        using (var still = await browser.GetAsync("/projects"))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        var token = await browser.FormTokenAsync();
        using var signOut = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/signout")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        });
        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        Assert.Equal("/signin", signOut.Headers.Location?.OriginalString);
        using var after = await browser.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
    }

    private async Task<(long Id, string Token)> NewRunAsync(string project)
    {
        using var admin = _factory.CreateAdminClient();
        using (await admin.PostAsJsonAsync("/api/v1/projects", new { key = project, name = project }))
        {
        }
        using var created = await admin.PostAsJsonAsync($"/api/v1/projects/{project}/runs", new { name = "r" });
        var run = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        return (run.GetProperty("id").GetInt64(), run.GetProperty("token").GetString()!);
    }
}
