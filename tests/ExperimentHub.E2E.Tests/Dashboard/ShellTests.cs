using ExperimentHub.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class ShellTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Connect_page_shows_how_to_track_with_this_servers_url()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/connect");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Connect");
        await Assertions.Expect(page.Locator("pre").First).ToContainTextAsync(fixture.Server.BaseUrl);
        await Screenshots.SaveAsync(page, "connect");
    }

    [Fact]
    public async Task Navigation_leads_to_each_area()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/connect");
        await page.Locator(".eh-nav").GetByText("Agents").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Agents");
        await page.Locator(".eh-nav").GetByText("Projects").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Projects");
    }

    [Fact]
    public async Task Unknown_address_says_there_is_no_such_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/no/such/page");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("There is no such page.");
    }

    [Fact]
    public async Task Lost_connection_shows_the_reconnect_dialog()
    {
        // Its own server: this test kills it.
        await using var server = await ServerProcess.StartAsync();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });
        await DashboardSignIn.SignInAsync(page, server, "/connect");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Connect");

        await server.KillAsync();

        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(modal).ToContainTextAsync("connection to the server was lost");
        await Screenshots.SaveAsync(page, "reconnect");
        await page.CloseAsync();
    }
}
