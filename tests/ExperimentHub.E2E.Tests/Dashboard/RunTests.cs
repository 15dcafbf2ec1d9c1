using System.Diagnostics;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ExperimentHub.E2E.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class RunTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private static IEnumerable<(long, double)> Curve(double start, int from, int count) =>
        Enumerable.Range(from, count).Select(i => ((long)i, start * Math.Exp(-i / 30.0) + 0.05));

    [Fact]
    public async Task Run_page_draws_metric_curves_and_a_new_point_appears_live()
    {
        using var api = new ApiSeeder(fixture.Server);
        await api.CreateProjectAsync("runs-live", "Live runs");
        var runId = await api.CreateRunAsync("runs-live", "baseline", new { lr = 0.01, optimizer = "adam", layers = 4 });
        await api.LogAsync(runId, "loss", Curve(2.0, 0, 100));
        await api.LogAsync(runId, "accuracy", Enumerable.Range(0, 100).Select(i => ((long)i, 1 - Math.Exp(-i / 20.0))));

        var run = new RunPage(await fixture.NewPageAsync());
        await run.OpenAsync(runId);
        await Assertions.Expect(run.Heading).ToHaveTextAsync("baseline");
        await Assertions.Expect(run.Parameters).ToContainTextAsync("optimizer");
        await Assertions.Expect(run.Parameters).ToContainTextAsync("adam");
        await run.WaitForChartAsync(run.Chart("loss"), 100);
        await run.WaitForChartAsync(run.Chart("accuracy"), 100);
        await Screenshots.SaveAsync(run.Page, "run");

        // One more point, posted over the API while the page is open, shows up without a reload.
        var clock = Stopwatch.StartNew();
        await api.LogAsync(runId, "loss", [(100, 0.01)]);
        await run.WaitForChartAsync(run.Chart("loss"), 101);
        output.WriteLine($"ui: live_point_ms={clock.ElapsedMilliseconds}");
        await Assertions.Expect(run.Summary).ToContainTextAsync("0.01");
        await Screenshots.SaveAsync(run.Page, "run-live");
    }

    [Fact]
    public async Task Compare_two_runs_on_one_chart_from_the_project_page()
    {
        using var api = new ApiSeeder(fixture.Server);
        await api.CreateProjectAsync("runs-compare", "Compare runs");
        var a = await api.CreateRunAsync("runs-compare", "small-lr", new { lr = 0.001 });
        var b = await api.CreateRunAsync("runs-compare", "large-lr", new { lr = 0.1 });
        await api.LogAsync(a, "loss", Curve(1.0, 0, 60));
        await api.LogAsync(b, "loss", Curve(3.0, 0, 60));
        await api.FinishAsync(a);
        await api.FinishAsync(b);

        var project = new ProjectPage(await fixture.NewPageAsync());
        await project.OpenAsync("runs-compare");
        await Screenshots.SaveAsync(project.Page, "project");
        await Assertions.Expect(project.RunLink(a)).ToBeVisibleAsync();
        await project.TickCompareAsync(a);
        await project.TickCompareAsync(b);
        await project.CompareAsync();

        var compare = new ComparePage(project.Page);
        await compare.Heading.WaitForAsync();
        await Assertions.Expect(compare.Heading).ToHaveTextAsync("Compare runs");
        await compare.WaitForChartAsync(compare.Chart, 120);
        await Assertions.Expect(compare.LegendEntries).ToHaveCountAsync(2);
        await Assertions.Expect(compare.Table).ToContainTextAsync("small-lr");
        await Assertions.Expect(compare.Table).ToContainTextAsync("large-lr");
        await Screenshots.SaveAsync(compare.Page, "compare");
    }

    [Fact]
    public async Task Agents_page_explains_how_to_add_an_agent_when_there_is_none()
    {
        var agents = new AgentsPage(await fixture.NewPageAsync());
        await agents.OpenAsync();
        await Assertions.Expect(agents.Empty).ToContainTextAsync("ehub agent --server " + fixture.Server.BaseUrl);
        await Screenshots.SaveAsync(agents.Page, "agents-empty");
    }
}
