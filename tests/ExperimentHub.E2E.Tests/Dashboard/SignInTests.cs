using ExperimentHub.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_page_asks_for_a_sign_in_then_opens_after_signing_in_and_sign_out_ends_it()
    {
        await DashboardSignIn.EnsureUserAsync(fixture.Server, "e2e-signin", isAdmin: false);
        var page = await fixture.NewSignedOutPageAsync();
        await page.GotoAsync("/agents");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fagents$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");

        await page.FillAsync("#userName", "e2e-signin");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("That user name and password do not match.");
        await Assertions.Expect(page.Locator("#password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "signin-wrong-password");

        await page.FillAsync("#password", DashboardSignIn.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Agents");
        await Assertions.Expect(page.Locator(".eh-user")).ToContainTextAsync("e2e-signin");
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
        await Assertions.Expect(page.Locator("label[for=userName]")).ToHaveTextAsync("User name");
        await Assertions.Expect(page.Locator("label[for=password]")).ToHaveTextAsync("Password");
        await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Sign in");
        await Screenshots.SaveAsync(page, "signin");
    }
}
