using System.Net.Http.Json;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

/// <summary>
/// The pages that explain a failure or a detection, at 1440×900 in light and dark: the screenshots
/// (TestResults/screenshots/explains-*) are there to be looked at; the checks make sure each shows what it should.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ExplainsItselfLookTests(DashboardFixture fixture)
{
    private const string Script = """
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVC

        model = Pipeline([("scale", StandardScaler()), ("svc", SVC(C=10.0, gamma=0.001, kernel="rbf"))])
        model.fit(x, y)
        """;

    [Fact]
    public async Task Detection_a_failed_run_and_the_launch_checks_read_in_light_and_dark()
    {
        using var api = new ApiSeeder(fixture.Server);
        await api.CreateProjectAsync("explains", "Explains itself");
        var failed = await api.CreateRunAsync("explains", "crashes", new { lr = 0.5 });
        using (var http = fixture.Server.CreateAdminClient())
        {
            using var response = await http.PostAsJsonAsync($"api/v1/runs/{failed}/finish", new
            {
                status = "failed",
                error = "Traceback (most recent call last):\n  File \"train.py\", line 41, in <module>\n    train(lr=args.lr)\n  File \"train.py\", line 30, in train\n    raise ValueError(f\"loss became NaN at step {step}\")\nValueError: loss became NaN at step 17",
            });
            response.EnsureSuccessStatusCode();
        }

        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await fixture.NewPageAsync(scheme, 1440, 900);
            var name = scheme == ColorScheme.Dark ? "dark" : "light";

            var detect = new DetectPage(page);
            await detect.OpenAsync("explains");
            await detect.PasteAndDetectAsync(Script);
            await Assertions.Expect(detect.Grid.Locator("[data-param]")).ToHaveCountAsync(3);
            await Screenshots.SaveAsync(page, $"explains-{name}-detect");

            var run = new RunPage(page);
            await run.OpenAsync(failed);
            await Assertions.Expect(page.GetByTestId("run-error")).ToContainTextAsync("ValueError: loss became NaN at step 17");
            await Screenshots.SaveAsync(page, $"explains-{name}-failed-run");

            var form = new NewSweepPage(page);
            await form.OpenAsync("explains");
            await form.SetAsync("Working folder", "/no/such/folder");
            await form.SetAsync("In parallel", "4");
            await Assertions.Expect(page.Locator("[data-testid=launch-note][data-field=workdir]")).ToContainTextAsync("/no/such/folder");
            await Screenshots.SaveAsync(page, $"explains-{name}-new-sweep");

            await page.GotoAsync("/connect");
            await Assertions.Expect(page.GetByTestId("python-train")).ToContainTextAsync("eh.finish()");
            await Screenshots.SaveAsync(page, $"explains-{name}-connect");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_count_axis_ticks_whole_numbers_only_however_few_points()
    {
        using var api = new ApiSeeder(fixture.Server);
        await api.CreateProjectAsync("counts", "Count axes");
        var run = await api.CreateRunAsync("counts", "two-steps", new { lr = 0.1 });
        await api.LogAsync(run, "loss", [(1, 0.9), (2, 0.7)]);
        var page = await fixture.NewPageAsync();
        await new RunPage(page).OpenAsync(run);

        // The step axis as plotly drew it: two steps give the ticks 1 and 2, never 1.5.
        var ticks = page.Locator("[data-metric='loss'] .xtick text");
        await Assertions.Expect(ticks.First).ToBeVisibleAsync();
        Assert.Equal(["1", "2"], await ticks.AllTextContentsAsync());
        await page.Context.CloseAsync();
    }
}
