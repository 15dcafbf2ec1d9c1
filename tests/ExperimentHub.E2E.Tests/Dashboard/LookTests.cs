using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

/// <summary>
/// Every page with real data at 1440×900, in the light and the dark system colour scheme: the theme follows the
/// system, the toggle's choice outlives a reload, and the screenshots (TestResults/screenshots/look-*) are there to be
/// looked at.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LookTests(DashboardFixture fixture)
{
    /// <summary>The perceived brightness (0 to 255) of the page's background colour.</summary>
    private const string Brightness = """
        () => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
          return 0.299 * r + 0.587 * g + 0.114 * b;
        }
        """;

    private static IEnumerable<(long, double)> Curve(double start, int count) =>
        Enumerable.Range(0, count).Select(i => ((long)i, start * Math.Exp(-i / 30.0) + 0.05));

    [Fact]
    public async Task Every_page_follows_the_system_colour_scheme_with_real_data()
    {
        using var api = new ApiSeeder(fixture.Server);
        await api.CreateProjectAsync("look", "Look and feel");
        var small = await api.CreateRunAsync("look", "small-lr", new { lr = 0.001, optimizer = "adam", layers = 4 });
        var large = await api.CreateRunAsync("look", "large-lr", new { lr = 0.1, optimizer = "sgd", layers = 8 });
        await api.LogAsync(small, "loss", Curve(1.0, 80));
        await api.LogAsync(large, "loss", Curve(3.0, 80));
        await api.LogAsync(small, "accuracy", Enumerable.Range(0, 80).Select(i => ((long)i, 1 - Math.Exp(-i / 20.0))));
        await api.FinishAsync(small);
        await api.FinishAsync(large);
        var sweepId = await SweepSeeder.SeedAsync(fixture.Server, "look", 300);
        // A key with every column filled in, so the keys list shows its widest row.
        await api.CreateKeyAsync("look-training-scripts", "editor", "look", DateTimeOffset.UtcNow.AddDays(30));

        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await fixture.NewPageAsync(scheme, 1440, 900);
            var name = scheme == ColorScheme.Dark ? "dark" : "light";

            var projects = new ProjectsPage(page);
            await projects.OpenAsync();
            await Assertions.Expect(projects.Grid).ToContainTextAsync("Look and feel");
            // The theme reads the system scheme once the circuit has rendered: wait for it, then check it stays.
            await page.WaitForFunctionAsync(scheme == ColorScheme.Dark ? $"() => ({Brightness})() < 80" : $"() => ({Brightness})() > 200");
            await Screenshots.SaveAsync(page, $"look-{name}-projects");

            var project = new ProjectPage(page);
            await project.OpenAsync("look");
            await Assertions.Expect(project.Runs.Locator("tbody a[href^='runs/']").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, $"look-{name}-project");

            var sweep = new SweepPage(page);
            await sweep.OpenAsync(sweepId);
            await Assertions.Expect(sweep.TrialRows.First).ToBeVisibleAsync();
            foreach (var kind in new[] { "best-so-far", "parcoords", "heatmap", "importance" })
            {
                await sweep.WaitForChartAsync(sweep.Chart(kind));
            }
            await Screenshots.SaveAsync(page, $"look-{name}-sweep");

            var run = new RunPage(page);
            await run.OpenAsync(small);
            await run.WaitForChartAsync(run.Chart("loss"), 80);
            await Screenshots.SaveAsync(page, $"look-{name}-run");

            var compare = new ComparePage(page);
            await compare.OpenAsync(small, large);
            await compare.WaitForChartAsync(compare.Chart, 80);
            await Assertions.Expect(compare.Table).ToContainTextAsync("large-lr");
            await Screenshots.SaveAsync(page, $"look-{name}-compare");

            var form = new NewSweepPage(page);
            await form.OpenAsync("look");
            await Assertions.Expect(form.Launch).ToBeEnabledAsync();
            await Screenshots.SaveAsync(page, $"look-{name}-new-sweep");

            var agents = new AgentsPage(page);
            await agents.OpenAsync();
            await Screenshots.SaveAsync(page, $"look-{name}-agents");

            var keys = new KeysPage(page);
            await keys.OpenAsync();
            await Assertions.Expect(keys.Grid).ToBeVisibleAsync();
            // The list scrolls sideways when it must, but at 1440 px a key's whole row, up to its Revoke button, fits.
            var revoke = await keys.Row("look-training-scripts").GetByTestId("revoke-key").BoundingBoxAsync();
            var grid = await keys.Grid.BoundingBoxAsync();
            Assert.True(revoke is not null && grid is not null && revoke.X + revoke.Width <= grid.X + grid.Width,
                $"The Revoke button (right edge {revoke?.X + revoke?.Width}) lies beyond the keys list's edge ({grid?.X + grid?.Width}) at 1440 px.");
            await Screenshots.SaveAsync(page, $"look-{name}-keys");

            await page.GotoAsync("/users");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Users and members");
            await Screenshots.SaveAsync(page, $"look-{name}-users");

            await page.GotoAsync("/audit");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Audit log");
            await Screenshots.SaveAsync(page, $"look-{name}-audit");

            var detect = new DetectPage(page);
            await detect.OpenAsync("look");
            await Assertions.Expect(detect.Source).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, $"look-{name}-detect");

            await page.GotoAsync("/connect");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Connect");
            await Screenshots.SaveAsync(page, $"look-{name}-connect");

            await projects.OpenAsync();
            await page.GetByTestId("new-project").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, $"look-{name}-new-project-dialog");

            await page.GotoAsync("/no/such/page");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("There is no such page.");
            await Screenshots.SaveAsync(page, $"look-{name}-not-found");
            await page.Context.CloseAsync();
        }

        var signIn = await fixture.NewSignedOutPageAsync();
        await signIn.GotoAsync("/signin");
        await Screenshots.SaveAsync(signIn, "look-light-signin");
        await signIn.Context.CloseAsync();
    }

    [Fact]
    public async Task The_theme_toggle_overrides_the_system_and_is_remembered()
    {
        var page = await fixture.NewPageAsync(ColorScheme.Light, 1440, 900);
        var projects = new ProjectsPage(page);
        await projects.OpenAsync();
        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to dark mode");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light mode");
        await page.WaitForFunctionAsync($"() => ({Brightness})() < 80");

        await page.ReloadAsync();
        await projects.Heading.WaitForAsync();
        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light mode");
        await page.WaitForFunctionAsync($"() => ({Brightness})() < 80");
        await page.Context.CloseAsync();
    }
}
