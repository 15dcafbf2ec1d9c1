using System.Net;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Auth;

/// <summary>The first-admin page behind the one-time link (the link itself: <see cref="FirstStartTests"/>).</summary>
public sealed class SetupPageTests(ExperimentHubFactory factory) : IClassFixture<ExperimentHubFactory>
{
    [Fact]
    public async Task The_link_creates_one_admin_once_and_a_newer_link_voids_it()
    {
        var tokens = factory.Services.GetRequiredService<SetupTokens>();
        var voided = await tokens.IssueAsync(CancellationToken.None);
        var secret = await tokens.IssueAsync(CancellationToken.None);
        Assert.NotEqual(voided, secret);

        using var browser = new BrowserLikeClient(factory);
        using (var old = await browser.GetAsync("/setup?token=" + voided))
        {
            Assert.Contains("data-testid=\"setup-invalid\"", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var url = "/setup?token=" + secret;
        var form = await browser.FormTokenAsync(url);
        using (var mismatch = await PostAsync(browser, url, form, secret, "first-admin", "long enough password", "another password"))
        {
            Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
            Assert.Contains("The two passwords differ.", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var tooShort = await PostAsync(browser, url, form, secret, "first-admin", "short", "short"))
        {
            Assert.Contains("a password has", (await tooShort.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        }
        using (var created = await PostAsync(browser, url, form, secret, "first-admin", "long enough password", "long enough password"))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Found, await created.Content.ReadAsStringAsync());
            Assert.Equal("/projects", created.Headers.Location?.AbsolutePath);
        }
        using (var projects = await browser.GetAsync("/projects"))
        {
            Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
        }
        Assert.True(await factory.Services.GetRequiredService<UserAccounts>().AnyAdminCanSignInAsync(CancellationToken.None));

        using var second = new BrowserLikeClient(factory);
        using var again = await second.GetAsync(url);
        Assert.Contains("data-testid=\"setup-invalid\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(BrowserLikeClient browser, string url, string form, string secret, string name, string password, string confirm) =>
        browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(
            [
                new("_handler", "setup"), new("__RequestVerificationToken", form), new("Token", secret),
                new("UserName", name), new("Password", password), new("Confirm", confirm),
            ]),
        });
}
