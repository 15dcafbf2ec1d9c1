using Bunit;
using ExperimentHub.Server.Components.Pages.Sweeps;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Tests.Components.Sweeps;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class SweepDetailTests
{
    private static FakeDashboardQueries Sweep(string status, int trials)
    {
        var queries = new FakeDashboardQueries();
        var spec = SweepFixtures.Spec();
        queries.Sweeps[4] = new SweepOverview(4, "vision", "lr search", status, null, "name: fixture", spec, 500,
            new TrialCounts(0, 0, trials, 1, 0, 0), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);
        queries.Trials.AddRange(SweepFixtures.Trials(trials));
        return queries;
    }

    [Fact]
    public async Task Unknown_sweep_says_so()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", 99L));
        Assert.Contains("No sweep with the id 99 exists in a project you are a member of.", cut.WaitForElement("[data-testid=not-found]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_progress_crumbs_and_every_trial_in_the_table()
    {
        await using var ctx = ComponentTests.Create(Sweep("completed", 8));
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", 4L));
        // Waits that block no thread: the page reads and shapes on the thread pool, which a blocking wait starves on a small machine.
        Assert.Contains("9 of 500 trials finished", (await cut.WaitForElementAsync("[data-testid=sweep-progress]")).TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find(".eh-breadcrumb a[href='projects/vision']"));
        await cut.WaitForAssertionAsync(() => Assert.Equal("9 trials", cut.Find("[data-testid=trial-count]").TextContent.Trim()));
        await cut.WaitForAssertionAsync(() => Assert.Equal(9, cut.FindAll("[data-testid=trials-grid] tbody tr a[href^='runs/']").Count));
        Assert.Empty(cut.FindAll("[data-testid=stop]"));
    }

    [Fact]
    public async Task A_sweep_paused_by_a_failed_install_shows_the_reason_and_the_log()
    {
        var queries = Sweep("paused", 0);
        queries.Sweeps[4] = queries.Sweeps[4] with
        {
            StatusReason = "paused: the install command (sh install.sh) failed: The process exited with code 3.",
            SetupLog = "$ sh install.sh\nno such package: torch\n",
        };
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", 4L));

        var banner = cut.WaitForElement("[data-testid=status-reason]");
        Assert.Contains("the install command (sh install.sh) failed", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal("$ sh install.sh\nno such package: torch\n", cut.Find("[data-testid=setup-log]").TextContent);
        Assert.Contains("mud-alert-text-error", banner.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_sweep_without_a_setup_log_shows_no_log()
    {
        var queries = Sweep("paused", 1);
        queries.Sweeps[4] = queries.Sweeps[4] with { StatusReason = "paused by a user" };
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", 4L));

        Assert.Contains("paused by a user", cut.WaitForElement("[data-testid=status-reason]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=setup-log]"));
    }

    [Fact]
    public async Task A_warm_started_sweep_says_what_its_history_found_and_links_the_trials_from_it()
    {
        var queries = Sweep("running", 3);
        queries.Sweeps[4] = queries.Sweeps[4] with
        {
            WarmStartNote = "warm_start: auto starts with 2 configurations from sweep 2 (similarity 0.90, 2)",
            FromHistory = [new HistoryTrial(1001, 1, 2, 77), new HistoryTrial(1002, 2, 2, 78)],
        };
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", 4L));
        Assert.Contains("from sweep 2 (similarity 0.90", cut.WaitForElement("[data-testid=warm-start]").TextContent, StringComparison.Ordinal);
        var chips = cut.Find("[data-testid=history-trials]").TextContent;
        Assert.Contains("trial 1 ← sweep 2, run 77", chips, StringComparison.Ordinal);
        Assert.Contains("trial 2 ← sweep 2, run 78", chips, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auto_warm_start_that_found_nothing_says_so()
    {
        var queries = Sweep("running", 1);
        queries.Sweeps[4] = queries.Sweeps[4] with { WarmStartNote = "warm_start: auto found no related earlier sweep in this project", FromHistory = [] };
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", 4L));
        Assert.Contains("found no related earlier sweep", cut.WaitForElement("[data-testid=warm-start]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=history-trials]"));
    }

    [Fact]
    public async Task Stop_asks_first_and_stops_only_when_confirmed()
    {
        var commands = new FakeDashboardCommands();
        await using var ctx = ComponentTests.Create(Sweep("running", 3), commands);
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", 4L));
        await cut.WaitForElementAsync("[data-testid=stop]");
        // The page renders again as its charts and importance arrive, which renumbers its event handlers: each click
        // finds its button on the renderer's thread, so no render comes between the find and the click. The click's
        // handler waits for the answer, so it is not awaited until the dialog is answered.
        var clicking = cut.InvokeAsync(() => cut.Find("[data-testid=stop]").ClickAsync(new()));
        var confirm = await cut.WaitForElementAsync(".mud-dialog");
        Assert.Contains("Running trials are stopped", confirm.TextContent, StringComparison.Ordinal);
        Assert.Empty(commands.Calls);
        await cut.InvokeAsync(() => cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Stop sweep", StringComparison.Ordinal)).ClickAsync(new()));
        await clicking;
        await cut.WaitForAssertionAsync(() => Assert.Equal(["stop 4"], commands.Calls));
    }

    [Fact]
    public async Task A_sweep_of_one_parameter_says_why_it_has_no_heatmap()
    {
        var parsed = ExperimentHub.Core.Specs.SweepSpecParser.Parse("""
            name: one
            command: [python3, train.py]
            method: random
            objectives:
              - {metric: accuracy, goal: maximize}
            parameters:
              lr: {type: float, min: 0.00001, max: 0.1, log: true}
            budget: {trials: 20}
            """, ExperimentHub.Core.Specs.SpecFormat.Yaml);
        var queries = new FakeDashboardQueries();
        queries.Sweeps[4] = new SweepOverview(4, "vision", "one knob", "completed", null, "name: one", parsed.Spec!, 20,
            new TrialCounts(0, 0, 3, 0, 0, 0), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);
        queries.Trials.AddRange(SweepFixtures.Trials(3));
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", 4L));

        var reason = await cut.WaitForElementAsync("[data-testid=heatmap-empty]");
        Assert.Equal("The heatmap shows the objective over two parameters; this sweep searches only lr.", reason.TextContent.Trim());
    }
}
