using Bunit;
using ExperimentHub.Server.Components.Pages.Sweeps;
using ExperimentHub.Server.Tests.Components.Sweeps;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class TrialsTableTests
{
    private static List<string> Numbers(IRenderedComponent<ProvidersHost> cut) =>
        [.. cut.FindAll("[data-testid=trials-grid] tbody tr a[href^='runs/']").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Shows_a_row_per_trial_with_a_column_per_parameter_and_metric()
    {
        await using var ctx = ComponentTests.Create();
        var trials = SweepFixtures.Trials(5);
        var cut = ctx.RenderHosted<TrialsTable>(("Trials", trials), ("Spec", SweepFixtures.Spec()));
        cut.WaitForAssertion(() => Assert.Equal(["1", "2", "3", "4", "5", "6"], Numbers(cut)));
        var headers = cut.FindAll("[data-testid=trials-grid] thead th").Select(h => h.TextContent).ToList();
        foreach (var name in new[] { "lr", "layers", "dropout", "optimizer", "accuracy", "inference_ms", "Seconds" })
        {
            Assert.Contains(headers, h => h.Contains(name, StringComparison.Ordinal));
        }
        Assert.Equal("runs/1001", cut.Find("[data-testid=trials-grid] tbody tr a").GetAttribute("href"));
    }

    [Fact]
    public async Task Only_the_selected_runs_are_listed_when_the_page_passes_a_selection()
    {
        await using var ctx = ComponentTests.Create();
        var trials = SweepFixtures.Trials(5);
        var cut = ctx.RenderHosted<TrialsTable>(("Trials", trials), ("Spec", SweepFixtures.Spec()),
            ("SelectedRunIds", (IReadOnlySet<long>)new HashSet<long> { 1002, 1004 }));
        cut.WaitForAssertion(() => Assert.Equal(["2", "4"], Numbers(cut)));
    }

    [Fact]
    public async Task Clicking_a_column_header_sorts_by_it()
    {
        await using var ctx = ComponentTests.Create();
        var trials = SweepFixtures.Trials(5);
        var cut = ctx.RenderHosted<TrialsTable>(("Trials", trials), ("Spec", SweepFixtures.Spec()));
        cut.WaitForAssertion(() => Assert.Equal(6, Numbers(cut).Count));
        var header = cut.FindAll("[data-testid=trials-grid] thead th").First(h => h.TextContent.Contains("inference_ms", StringComparison.Ordinal));
        header.QuerySelector(".sortable-column-header")!.Click();
        // Ascending, the failed trial (no metric, NaN) first, as double's own order has it.
        var expected = trials.OrderBy(t => t.Metrics.GetValueOrDefault("inference_ms", double.NaN))
            .Select(t => t.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        cut.WaitForAssertion(() => Assert.Equal(expected, Numbers(cut)));
    }

    [Fact]
    public async Task With_no_trials_it_says_when_they_appear()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.RenderHosted<TrialsTable>(("Trials", (IReadOnlyList<ExperimentHub.Server.Components.Services.Models.TrialRow>)[]), ("Spec", SweepFixtures.Spec()));
        Assert.Contains("No trials yet", cut.WaitForElement("[data-testid=trials-none]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_download_holds_the_rows_shown_with_every_value_column()
    {
        await using var ctx = ComponentTests.Create();
        var module = ctx.JSInterop.SetupModule("./js/dashboard.js");
        var download = module.SetupVoid("downloadText", _ => true);
        var trials = SweepFixtures.Trials(3);
        var cut = ctx.RenderHosted<TrialsTable>(("Trials", trials), ("Spec", SweepFixtures.Spec()),
            ("SelectedRunIds", (IReadOnlySet<long>)new HashSet<long> { 1001, 1003 }), ("CsvFileName", "vision-trials.csv"));
        cut.WaitForAssertion(() => Assert.Equal(2, Numbers(cut).Count));
        cut.Find("[data-testid=trials-csv]").Click();
        var call = download.VerifyInvoke("downloadText");
        Assert.Equal("vision-trials.csv", call.Arguments[0]);
        var lines = ((string)call.Arguments[2]!).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("trial,runId,state,lr,layers,dropout,optimizer,accuracy,inference_ms,seconds", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("1,1001,completed,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3,1003,completed,", lines[2], StringComparison.Ordinal);
    }
}
