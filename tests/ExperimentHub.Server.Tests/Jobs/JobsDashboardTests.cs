using System.Net;
using System.Net.Http.Json;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Jobs;
using ExperimentHub.Server.Tests.Auth;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Tests.Jobs;

public sealed class JobsDashboardTests : IClassFixture<ExperimentHubFactory>
{
    private readonly ExperimentHubFactory _factory;

    public JobsDashboardTests(ExperimentHubFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/recurring")]
    [InlineData("/hangfire/stats")]
    public async Task Anyone_not_signed_in_is_refused(string url)
    {
        using var browser = new BrowserLikeClient(_factory);
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(JobNames.ReapExpiredLeases, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_token_is_signed_in_but_not_an_admin_and_is_forbidden()
    {
        var runToken = await NewRunTokenAsync("hf-run");
        using var client = _factory.CreateClientWith(runToken);
        using var response = await client.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(JobNames.ReapExpiredLeases, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_made_for_a_non_admin_key_does_not_open_it()
    {
        await NewRunTokenAsync("hf-cookie");
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using var db = await contexts.CreateDbContextAsync();
        var runKey = await db.ApiKeys.AsNoTracking().FirstAsync(k => k.Scope == ApiKeyScope.Run);
        // A well-signed cookie whose key is a run token: what a tampered or stale session would carry.
        var principal = DashboardSessions.CreatePrincipal(new DashboardUser(runKey.Id, runKey.Name, runKey.Prefix, ApiKeyScope.Run));
        var cookieOptions = _factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(DashboardSignIn.CookieScheme);
        var cookie = cookieOptions.TicketDataFormat.Protect(new AuthenticationTicket(principal, DashboardSignIn.CookieScheme));

        using var browser = new BrowserLikeClient(_factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        request.Headers.Add("Cookie", $"{DashboardSignIn.CookieName}={cookie}");
        using var response = await browser.Http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"answered {response.StatusCode}");
    }

    [Fact]
    public async Task A_signed_in_admin_sees_the_platforms_recurring_jobs()
    {
        using var browser = new BrowserLikeClient(_factory);
        await browser.SignInAsync(ExperimentHubFactory.AdminKey);
        using var response = await browser.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(JobNames.ReapExpiredLeases, html, StringComparison.Ordinal);
        Assert.Contains(JobNames.CoordinateRunningSweeps, html, StringComparison.Ordinal);
        Assert.Contains("ExperimentHub jobs", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_bearer_key_opens_it_too()
    {
        using var client = _factory.CreateAdminClient();
        using var response = await client.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> NewRunTokenAsync(string project)
    {
        using var admin = _factory.CreateAdminClient();
        using (await admin.PostAsJsonAsync("/api/v1/projects", new { key = project, name = project }))
        {
        }
        using var created = await admin.PostAsJsonAsync($"/api/v1/projects/{project}/runs", new { name = "r" });
        var run = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        return run.GetProperty("token").GetString()!;
    }
}
