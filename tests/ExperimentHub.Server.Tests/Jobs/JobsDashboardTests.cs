using System.Net;
using System.Net.Http.Json;
using ExperimentHub.Server.Jobs;
using ExperimentHub.Server.Tests.Auth;
using ExperimentHub.Server.Tests.Infrastructure;

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
    public async Task A_signed_in_user_who_is_not_an_admin_is_refused()
    {
        using var browser = new BrowserLikeClient(_factory);
        await browser.SignInAsync("hf-member", isAdmin: false);
        using var response = await browser.GetAsync("/hangfire/recurring");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"answered {response.StatusCode}");
        Assert.DoesNotContain(JobNames.ReapExpiredLeases, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_admin_sees_the_platforms_recurring_jobs()
    {
        using var browser = new BrowserLikeClient(_factory);
        await browser.SignInAsync("hf-admin");
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
