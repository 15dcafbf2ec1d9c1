using System.Net;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Components.Charts;

/// <summary>
/// The plotly.js the server hands Plotly.Blazor (our bundle, wwwroot-assets/plotly-traces.js): every trace type the
/// chart builders draw is registered in it, and the traces of the bigger dist bundles are not.
/// </summary>
public sealed class PlotlyBundleTests(ExperimentHubFactory factory) : IClassFixture<ExperimentHubFactory>
{
    [Fact]
    public async Task The_served_bundle_registers_scatter_bar_and_heatmap_and_nothing_the_charts_do_not_draw()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(PlotlyScript.PlotlyPath.TrimStart('.'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var script = await response.Content.ReadAsStringAsync();
        // Each trace module registers under its name; minifying keeps the strings.
        foreach (var trace in new[] { "scatter", "bar", "heatmap" })
        {
            Assert.Contains($"moduleType:\"trace\",name:\"{trace}\"", script, StringComparison.Ordinal);
        }
        foreach (var trace in new[] { "box", "violin", "pie", "histogram", "contour", "scattergl", "parcoords" })
        {
            Assert.DoesNotContain($"moduleType:\"trace\",name:\"{trace}\"", script, StringComparison.Ordinal);
        }
        Assert.StartsWith("\"use strict\";var Plotly=", script, StringComparison.Ordinal);
    }
}
