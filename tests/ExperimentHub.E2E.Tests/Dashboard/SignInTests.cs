using ExperimentHub.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_page_asks_for_a_key_then_opens_after_signing_in_and_sign_out_ends_it()
    {
        var page = await fixture.NewSignedOutPageAsync();
        await page.GotoAsync("/agents");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fagents$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");

        await page.FillAsync("#apiKey", "ehk_this_is_not_a_key_at_all");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#apiKey-error")).ToHaveTextAsync("That API key is not valid.");
        await Assertions.Expect(page.Locator("#apiKey")).ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "signin-wrong-key");

        await page.FillAsync("#apiKey", fixture.Server.AdminApiKey);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Agents");
        await Assertions.Expect(page.Locator(".eh-user")).ToContainTextAsync("bootstrap");
        await Screenshots.SaveAsync(page, "signed-in");

        await page.Locator(".eh-signout button").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GotoAsync("/projects");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fprojects$"));
    }

    [Fact]
    public async Task The_sign_in_page_renders_its_form()
    {
        var page = await fixture.NewSignedOutPageAsync();
        await page.GotoAsync("/signin");
        await Assertions.Expect(page.Locator("label[for=apiKey]")).ToHaveTextAsync("API key");
        await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Sign in");
        await Screenshots.SaveAsync(page, "signin");
    }
}
