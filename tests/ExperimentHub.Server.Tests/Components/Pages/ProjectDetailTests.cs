using Bunit;
using ExperimentHub.Server.Components.Pages.Projects;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class ProjectDetailTests
{
    private static FakeDashboardQueries Project(params SweepSummary[] sweeps)
    {
        var queries = new FakeDashboardQueries();
        queries.ProjectOverviews["vision"] = new ProjectOverview(1, "vision", "Vision models", "CNNs on CIFAR", DateTimeOffset.UnixEpoch, sweeps);
        return queries;
    }

    private static RunRow Run(long id, string name, double lr, string optimizer, double loss) => new(id, name, "completed", null,
        DateTimeOffset.UnixEpoch.AddMinutes(id), null, new Dictionary<string, double> { ["loss"] = loss },
        new Dictionary<string, object> { ["lr"] = lr, ["optimizer"] = optimizer });

    [Fact]
    public async Task An_unknown_key_says_so_and_links_back_to_the_projects()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<ProjectDetail>(("ProjectKey", "nope"));
        var message = cut.WaitForElement("[data-testid=not-found]");
        Assert.Contains("No project with the key 'nope' exists, or you are not a member of it.", message.TextContent, StringComparison.Ordinal);
        Assert.NotNull(message.QuerySelector("a[href='projects']"));
    }

    [Fact]
    public async Task An_empty_project_says_how_to_launch_a_sweep_and_log_a_first_run()
    {
        await using var ctx = ComponentTests.Create(Project());
        var cut = ctx.RenderHosted<ProjectDetail>(("ProjectKey", "vision"));
        Assert.Contains("ehub sweep submit spec.yaml --project vision", cut.WaitForElement("[data-testid=sweeps-empty]").TextContent, StringComparison.Ordinal);
        Assert.Contains("eh.init(project=\"vision\"", cut.Find("[data-testid=runs-empty]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Projects", cut.Find(".eh-breadcrumb").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_are_listed_with_a_column_per_parameter_and_metric()
    {
        var queries = Project(new SweepSummary(4, "lr search", "running", "tpe", 3, 2, 20, DateTimeOffset.UnixEpoch));
        queries.Runs.Add(Run(11, "small-lr", 0.001, "adam", 0.3));
        queries.Runs.Add(Run(12, "large-lr", 0.1, "sgd", 0.9));
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<ProjectDetail>(("ProjectKey", "vision"));
        var grid = cut.WaitForElement("[data-testid=runs-grid]");
        var headers = grid.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains(headers, h => h.Contains("lr", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.Contains("optimizer", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.Contains("loss", StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=runs-grid] tbody a[href^='runs/']").Count));
        Assert.Contains("lr search", cut.Find("[data-testid=sweeps-grid]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_trials_stay_out_of_the_runs_table_until_asked_for()
    {
        var queries = Project(new SweepSummary(4, "lr search", "running", "tpe", 3, 2, 20, DateTimeOffset.UnixEpoch));
        queries.Runs.Add(Run(11, "standalone", 0.001, "adam", 0.3));
        queries.Runs.Add(Run(12, "trial-1", 0.1, "sgd", 0.9) with { SweepId = 4 });
        queries.Runs.Add(Run(13, "trial-2", 0.2, "sgd", 0.8) with { SweepId = 4 });
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<ProjectDetail>(("ProjectKey", "vision"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=runs-grid] tbody a[href^='runs/']")));
        Assert.Contains("1 runs outside sweeps", cut.Find("[data-testid=runs-grid]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=show-trials] input, input[data-testid=show-trials]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=runs-grid] tbody a[href^='runs/']").Count));
        Assert.Contains("3 runs, sweep trials included", cut.Find("[data-testid=runs-grid]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_with_only_sweep_trials_says_where_they_are()
    {
        var queries = Project(new SweepSummary(4, "lr search", "running", "tpe", 3, 2, 20, DateTimeOffset.UnixEpoch));
        queries.Runs.Add(Run(12, "trial-1", 0.1, "sgd", 0.9) with { SweepId = 4 });
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<ProjectDetail>(("ProjectKey", "vision"));

        Assert.Contains("Each sweep above lists its own trials", cut.WaitForElement("[data-testid=runs-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_is_enabled_once_two_runs_are_ticked()
    {
        var queries = Project();
        queries.Runs.Add(Run(11, "small-lr", 0.001, "adam", 0.3));
        queries.Runs.Add(Run(12, "large-lr", 0.1, "sgd", 0.9));
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<ProjectDetail>(("ProjectKey", "vision"));
        cut.WaitForElement("[data-compare='11'] input").Change(true);
        Assert.True(cut.Find("[data-testid=compare-runs]").HasAttribute("disabled"));
        cut.Find("[data-compare='12'] input").Change(true);
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=compare-runs]").HasAttribute("disabled")));
        Assert.Contains("Compare 2 runs", cut.Find("[data-testid=compare-runs]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_read_is_thrown_to_the_layouts_error_boundary()
    {
        var queries = Project();
        queries.Failure = new TimeoutException("slow");
        await using var ctx = ComponentTests.Create(queries);
        Assert.Throws<TimeoutException>(() => ctx.Render<ProjectDetail>(p => p.Add(c => c.ProjectKey, "vision")));
    }
}
