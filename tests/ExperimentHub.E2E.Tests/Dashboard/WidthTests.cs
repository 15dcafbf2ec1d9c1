using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

/// <summary>The project page at a small laptop's, a laptop's and a desktop's width: its key columns stay readable.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WidthTests(DashboardFixture fixture)
{
    /// <summary>The header cells of a grid: name, left, right, and whether its text is cut.</summary>
    private const string Headers = """
        grid => [...grid.querySelectorAll('thead th')].map(th => {
          const r = th.getBoundingClientRect();
          return { name: th.textContent.trim(), left: r.left, right: r.right, width: r.width };
        })
        """;

    [Theory]
    [InlineData(800)]
    [InlineData(1280)]
    [InlineData(1920)]
    public async Task Project_page_keeps_the_run_and_metric_columns_readable(int width)
    {
        using var api = new ApiSeeder(fixture.Server);
        var key = $"width-{width}";
        await api.CreateProjectAsync(key, $"Width {width}");
        for (var i = 0; i < 3; i++)
        {
            var run = await api.CreateRunAsync(key, $"a-rather-long-run-name-{i}", new { lr = 0.001 * (i + 1), optimizer = "adam", layers = 4, dropout = 0.2 });
            await api.LogAsync(run, "val_loss", [(0, 0.5 - i * 0.1)]);
            await api.LogAsync(run, "accuracy", [(0, 0.7 + i * 0.1)]);
            await api.FinishAsync(run);
        }
        var page = await fixture.NewPageAsync(ColorScheme.Light, width, 900);
        var project = new ProjectPage(page);
        await project.OpenAsync(key);
        await Assertions.Expect(project.Runs.Locator("tbody a[href^='runs/']")).ToHaveCountAsync(3);
        await Screenshots.SaveAsync(page, $"width-{width}-project");

        var headers = await project.Runs.EvaluateAsync<HeaderCell[]>(Headers);
        foreach (var name in new[] { "Run", "accuracy", "val_loss" })
        {
            var cell = Assert.Single(headers, h => h.Name.StartsWith(name, StringComparison.Ordinal));
            Assert.True(cell.Width >= 72, $"at {width} px the {name} column is {cell.Width:0} px wide");
        }
        for (var i = 1; i < headers.Length; i++)
        {
            Assert.True(headers[i].Left >= headers[i - 1].Right - 1, $"at {width} px '{headers[i - 1].Name}' overlaps '{headers[i].Name}'");
        }
        // The run's name is shown whole, not cut to nothing.
        var link = project.Runs.Locator("tbody a[href^='runs/']").First;
        var fits = await link.EvaluateAsync<bool>("a => a.scrollWidth <= a.clientWidth + 1 || a.getBoundingClientRect().width >= 60");
        Assert.True(fits, $"at {width} px the run name is cut");
        await page.Context.CloseAsync();
    }

    /// <summary>Filled by Playwright from the page's answer, so it needs setters.</summary>
    private sealed class HeaderCell
    {
        public string Name { get; set; } = "";

        public double Left { get; set; }

        public double Right { get; set; }

        public double Width { get; set; }
    }
}
