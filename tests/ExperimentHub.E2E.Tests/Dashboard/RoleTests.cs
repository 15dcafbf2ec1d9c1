using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

/// <summary>
/// Each role against each kind of action through the dashboard, as one table like the API's (the server tests'
/// RoleMatrixTests): an admin, alpha's owner, editor and viewer, and an outsider who is a member of beta only. What a
/// role may do the page offers and does; what it may not, the page does not offer, and by URL it reads as not found.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RoleTests(DashboardFixture fixture, RoleSessions sessions) : IClassFixture<RoleSessions>
{
    public static TheoryData<string, string, bool> Table
    {
        get
        {
            var table = new TheoryData<string, string, bool>();
            string[] roles = ["admin", "owner", "editor", "viewer", "outsider"];
            var allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["create project"] = roles,
                ["launch sweep"] = ["admin", "owner", "editor"],
                ["stop sweep"] = ["admin", "owner", "editor"],
                ["make project key"] = ["admin", "owner"],
                ["revoke project key"] = ["admin", "owner"],
                ["see audit log"] = ["admin"],
                ["open sweep page"] = ["admin", "owner", "editor", "viewer"],
                ["open run page"] = ["admin", "owner", "editor", "viewer"],
                ["compare runs"] = ["admin", "owner", "editor", "viewer"],
            };
            foreach (var (action, who) in allowed)
            {
                foreach (var role in roles)
                {
                    table.Add(role, action, who.Contains(role));
                }
            }
            return table;
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_role_is_offered_what_it_may_do_and_refused_the_rest(string role, string action, bool allowed)
    {
        var page = await sessions.PageAsAsync(fixture, role);
        try
        {
            await (action switch
            {
                "create project" => CreateProjectAsync(page, role, allowed),
                "launch sweep" => LaunchSweepAsync(page, allowed),
                "stop sweep" => StopSweepAsync(page, allowed),
                "make project key" => MakeKeyAsync(page, role, allowed),
                "revoke project key" => RevokeKeyAsync(page, role, allowed),
                "see audit log" => SeeAuditAsync(page, allowed),
                "open sweep page" => OpenAsync(page, $"/sweeps/{sessions.AlphaSweep}", RoleSessions.AlphaSweepName, "sweep", allowed),
                "open run page" => OpenRunAsync(page, allowed),
                "compare runs" => CompareAsync(page, allowed),
                _ => throw new ArgumentOutOfRangeException(nameof(action), action, "no such action"),
            });
        }
        catch
        {
            await Screenshots.SaveAsync(page, $"role-{role}-{action.Replace(' ', '-')}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task CreateProjectAsync(IPage page, string role, bool allowed)
    {
        var projects = new ProjectsPage(page);
        await projects.OpenAsync();
        await Assertions.Expect(page.GetByTestId("new-project")).ToHaveCountAsync(allowed ? 1 : 0);
        if (allowed)
        {
            await projects.CreateAsync($"roles-new-{role}", $"Made by {role}");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/projects/roles-new-{role}$"));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Made by {role}");
        }
    }

    private static async Task LaunchSweepAsync(IPage page, bool allowed)
    {
        await page.GotoAsync($"/projects/{RoleSessions.Alpha}");
        await page.Locator("h1").First.WaitForAsync();
        await Assertions.Expect(page.GetByTestId("new-sweep")).ToHaveCountAsync(allowed ? 1 : 0);
        if (allowed)
        {
            await page.GetByTestId("new-sweep").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/projects/{RoleSessions.Alpha}/sweeps/new$"));
            await Assertions.Expect(page.GetByTestId("launch")).ToBeVisibleAsync();
        }
    }

    private async Task StopSweepAsync(IPage page, bool allowed)
    {
        var sweep = new SweepPage(page);
        await sweep.OpenAsync(await RoleSessions.NewAlphaSweepAsync(fixture.Server));
        if (!allowed)
        {
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new Regex($"^({RoleSessions.AlphaSweepName}|There is no such sweep, or you have no access to it\\.)$"));
            await Assertions.Expect(page.GetByTestId("stop")).ToHaveCountAsync(0);
            return;
        }
        await sweep.StopAsync();
        await Assertions.Expect(sweep.Status).ToHaveAttributeAsync("data-status", "stopped");
    }

    private static async Task MakeKeyAsync(IPage page, string role, bool allowed)
    {
        var keys = new KeysPage(page);
        await keys.OpenAsync();
        await keys.CreateAsync($"made by {role}", RoleSessions.Alpha);
        if (allowed)
        {
            await Assertions.Expect(keys.NewKey).ToHaveTextAsync(new Regex("^ehk_"));
        }
        else
        {
            await Assertions.Expect(keys.Error).ToContainTextAsync($"only owners of project '{RoleSessions.Alpha}' and admins make its keys");
            await Assertions.Expect(keys.NewKey).ToHaveCountAsync(0);
        }
    }

    private async Task RevokeKeyAsync(IPage page, string role, bool allowed)
    {
        var name = await sessions.NewAlphaKeyAsync(fixture.Server, role);
        var keys = new KeysPage(page);
        await keys.OpenAsync();
        await keys.Grid.WaitForAsync();
        if (!allowed)
        {
            // Not theirs to revoke: the list does not show it at all.
            await Assertions.Expect(keys.Row(name)).ToHaveCountAsync(0);
            return;
        }
        await keys.Row(name).GetByTestId("revoke-key").ClickAsync();
        await Assertions.Expect(keys.Row(name)).ToContainTextAsync("revoked");
    }

    private static async Task SeeAuditAsync(IPage page, bool allowed)
    {
        await page.GotoAsync("/projects");
        await page.Locator("h1").First.WaitForAsync();
        await Assertions.Expect(page.GetByTestId("nav-audit")).ToHaveCountAsync(allowed ? 1 : 0);
        if (allowed)
        {
            await page.GetByTestId("nav-audit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("project.create");
            return;
        }
        // A link inside the live page (no new request for the endpoint to check): the router refuses it too.
        await page.EvaluateAsync("() => Blazor.navigateTo('/audit')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("There is no such page, or you have no access to it.");
        await Assertions.Expect(page.GetByTestId("audit-grid")).ToHaveCountAsync(0);
    }

    private static async Task OpenAsync(IPage page, string path, string title, string what, bool allowed)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(allowed ? title : $"There is no such {what}, or you have no access to it.");
        if (!allowed)
        {
            await Assertions.Expect(page.Locator(".mud-main-content")).Not.ToContainTextAsync(RoleSessions.SecretParameter);
            await Assertions.Expect(page.Locator($"a[href='projects/{RoleSessions.Alpha}']")).ToHaveCountAsync(0);
        }
    }

    /// <summary>The run's page, its loss drawn by plotly under the server's script-src 'self' policy with no violation.</summary>
    private async Task OpenRunAsync(IPage page, bool allowed)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
        await OpenAsync(page, $"/runs/{sessions.AlphaRun}", RoleSessions.AlphaRunName, "run", allowed);
        if (allowed)
        {
            var run = new RunPage(page);
            await run.WaitForChartAsync(run.Chart("loss"), points: 3);
            await Assertions.Expect(run.Parameters).ToContainTextAsync(RoleSessions.SecretParameter);
            lock (violations)
            {
                Assert.Empty(violations);
            }
        }
    }

    private async Task CompareAsync(IPage page, bool allowed)
    {
        await page.GotoAsync($"/runs/compare?ids={sessions.AlphaRun}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Compare runs");
        if (allowed)
        {
            await Assertions.Expect(page.Locator(".mud-main-content")).ToContainTextAsync(RoleSessions.AlphaRunName);
            return;
        }
        await Assertions.Expect(page.Locator(".mud-main-content")).ToContainTextAsync($"No run with the id {sessions.AlphaRun} exists in a project you are a member of.");
        await Assertions.Expect(page.Locator(".mud-main-content")).Not.ToContainTextAsync(RoleSessions.AlphaRunName);
    }
}
