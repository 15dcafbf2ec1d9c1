using Bunit;
using ExperimentHub.Server.Components.Pages.Runs;
using ExperimentHub.Server.Components.Services.Models;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class RunPagesTests
{
    private static RunOverview Run(long id, string name, string lr) => new(id, "vision", name, "completed", 4,
        [new KeyValuePair<string, string>("lr", lr), new KeyValuePair<string, string>("optimizer", "adam")],
        new Dictionary<string, double> { ["loss"] = 0.25 }, ["loss"], [new ArtifactRow("model/weights.bin", 2048, DateTimeOffset.UnixEpoch)],
        "epoch 1\nepoch 2", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(2), 0, "gpu-box");

    [Fact]
    public async Task Run_page_shows_its_crumbs_parameters_summary_log_and_artifacts()
    {
        var queries = new FakeDashboardQueries();
        queries.RunOverviews[9] = Run(9, "baseline", "0.01");
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<RunDetail>(("RunId", 9L));
        cut.WaitForElement("[data-testid=run-info]");
        var crumbs = cut.Find(".eh-breadcrumb");
        Assert.NotNull(crumbs.QuerySelector("a[href='projects/vision']"));
        Assert.NotNull(crumbs.QuerySelector("a[href='sweeps/4']"));
        Assert.Contains("0.01", cut.Find("[data-testid=run-params]").TextContent, StringComparison.Ordinal);
        Assert.Contains("0.25", cut.Find("[data-testid=run-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("epoch 2", cut.Find("[data-testid=run-log]").TextContent, StringComparison.Ordinal);
        Assert.Equal("ui/runs/9/artifacts/model/weights.bin", cut.Find("[data-testid=run-artifacts] a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_failed_run_shows_why_in_a_monospace_alert_above_everything_else()
    {
        const string traceback = "Traceback (most recent call last):\n  File \"train.py\", line 9, in <module>\n    1 / 0\nZeroDivisionError: division by zero";
        var queries = new FakeDashboardQueries();
        queries.RunOverviews[9] = Run(9, "crashes", "0.01") with { Status = "failed", Error = traceback };
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<RunDetail>(("RunId", 9L));

        var alert = cut.WaitForElement("[data-testid=run-error]");
        Assert.Contains("mud-alert-text-error", alert.ClassName, StringComparison.Ordinal);
        Assert.Contains("Why it failed", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal(traceback, alert.QuerySelector("pre.eh-error-text")!.TextContent);
    }

    [Fact]
    public async Task A_run_without_an_error_shows_no_alert_and_its_times_name_their_zone()
    {
        var queries = new FakeDashboardQueries();
        queries.RunOverviews[9] = Run(9, "fine", "0.01");
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<RunDetail>(("RunId", 9L));

        Assert.Contains("1970-01-01 00:00:00 UTC", cut.WaitForElement("[data-testid=run-info]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=run-error]"));
    }

    [Fact]
    public async Task Run_page_lists_the_stored_model_with_download_links()
    {
        var queries = new FakeDashboardQueries();
        queries.RunOverviews[9] = Run(9, "baseline", "0.01") with
        {
            Artifacts = [new ArtifactRow("model/weights.bin", 2048, DateTimeOffset.UnixEpoch), new ArtifactRow("model/sub/config.json", 1024, DateTimeOffset.UnixEpoch),
                new ArtifactRow("plots/loss.png", 10, DateTimeOffset.UnixEpoch)],
        };
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<RunDetail>(("RunId", 9L));

        var model = cut.WaitForElement("[data-testid=run-model]");
        Assert.Equal(["weights.bin", "sub/config.json"], model.QuerySelectorAll("a").Select(a => a.TextContent));
        Assert.Equal("ui/runs/9/artifacts/model/sub/config.json", model.QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.All(model.QuerySelectorAll("a"), a => Assert.True(a.HasAttribute("download")));
        Assert.StartsWith("2 file(s), 3", cut.Find("[data-testid=run-model-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_a_stored_model_shows_no_model_section()
    {
        var queries = new FakeDashboardQueries();
        queries.RunOverviews[9] = Run(9, "baseline", "0.01") with { Artifacts = [new ArtifactRow("plots/loss.png", 10, DateTimeOffset.UnixEpoch)] };
        await using var ctx = ComponentTests.Create(queries);
        var cut = ctx.RenderHosted<RunDetail>(("RunId", 9L));
        cut.WaitForElement("[data-testid=run-artifacts]");
        Assert.Empty(cut.FindAll("[data-testid=run-model]"));
    }

    [Fact]
    public async Task Unknown_run_says_so()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<RunDetail>(("RunId", 404L));
        Assert.Contains("No run with the id 404 exists in a project you are a member of.", cut.WaitForElement("[data-testid=not-found]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_without_ids_says_how_to_pick_runs()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<RunCompare>();
        Assert.Contains("tick runs on a project's page", cut.WaitForElement("[data-testid=compare-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_lists_the_runs_in_a_grid_with_numeric_parameters()
    {
        var queries = new FakeDashboardQueries();
        queries.RunOverviews[9] = Run(9, "small-lr", "0.001");
        queries.RunOverviews[10] = Run(10, "large-lr", "0.1");
        await using var ctx = ComponentTests.Create(queries);
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("runs/compare?ids=9,10");
        var cut = ctx.RenderHosted<RunCompare>();
        var table = cut.WaitForElement("[data-testid=compare-table]");
        cut.WaitForAssertion(() => Assert.Contains("large-lr", cut.Find("[data-testid=compare-table]").TextContent, StringComparison.Ordinal));
        Assert.Contains("small-lr", table.TextContent, StringComparison.Ordinal);
        Assert.IsType<double>(RunCompare.ToRow(queries.RunOverviews[9]).Parameters["lr"]);
        Assert.IsType<string>(RunCompare.ToRow(queries.RunOverviews[9]).Parameters["optimizer"]);
    }

    [Fact]
    public async Task Compare_names_ids_that_are_not_runs_at_the_field()
    {
        await using var ctx = ComponentTests.Create();
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("runs/compare?ids=x");
        var cut = ctx.RenderHosted<RunCompare>();
        cut.WaitForAssertion(() => Assert.Contains("is not a run id (run ids are whole numbers)", cut.Markup, StringComparison.Ordinal));
    }
}
