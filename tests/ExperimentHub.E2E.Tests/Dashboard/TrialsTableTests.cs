using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class TrialsTableTests(DashboardFixture fixture)
{
    /// <summary>How far the grid's content overflows its box sideways, in CSS pixels (0 when it fits).</summary>
    private const string Overflow = "el => el.scrollWidth - el.clientWidth";

    [Fact]
    public async Task Columns_fit_the_card_on_a_wide_screen_and_scroll_sideways_only_when_narrow()
    {
        using var api = new ApiSeeder(fixture.Server);
        await api.CreateProjectAsync("trials-fit", "Trials table fit");
        var sweepId = await SweepSeeder.SeedAsync(fixture.Server, "trials-fit", 40);

        var sweep = new SweepPage(await fixture.NewPageAsync());
        await sweep.OpenAsync(sweepId);
        await Assertions.Expect(sweep.TrialRows.First).ToBeVisibleAsync();
        var body = sweep.Trials.Locator(".mud-table-container");

        // 1440 px wide (the fixture's viewport): every column, the last ("Seconds") included, inside the card.
        Assert.True(await body.EvaluateAsync<double>(Overflow) <= 1, "The trials table scrolls sideways at 1440 px wide.");
        var grid = await sweep.Trials.BoundingBoxAsync() ?? throw new InvalidOperationException("The trials grid has no box.");
        var seconds = await sweep.Trials.Locator("thead th").Filter(new() { HasText = "Seconds" }).BoundingBoxAsync()
            ?? throw new InvalidOperationException("The trials grid has no Seconds column.");
        Assert.True(seconds.X + seconds.Width <= grid.X + grid.Width + 1, "The Seconds column is clipped at the card's right edge.");

        // Too narrow for every column at its minimum width: the table keeps them readable and scrolls instead.
        await sweep.Page.SetViewportSizeAsync(700, 1000);
        await sweep.Page.WaitForFunctionAsync(
            "el => el.scrollWidth - el.clientWidth > 1", await body.ElementHandleAsync(), new() { Timeout = 10_000 });
    }
}
