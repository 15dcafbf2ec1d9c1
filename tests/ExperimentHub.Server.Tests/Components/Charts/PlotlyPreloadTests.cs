using System.Reflection;
using Bunit;
using ExperimentHub.Server.Components.Charts;
using Plotly.Blazor;

namespace ExperimentHub.Server.Tests.Components.Charts;

/// <summary>plotly.js loaded ahead of the charts, through Plotly.Blazor's own module and with its own names.</summary>
public sealed class PlotlyPreloadTests
{
    private static string PackageConstant(string name) =>
        (string)(typeof(PlotlyJsInterop).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue()
            ?? throw new InvalidOperationException($"Plotly.Blazor's PlotlyJsInterop has no constant {name} any more: read how it loads plotly.js."));

    [Fact]
    public void The_paths_are_the_ones_plotly_blazor_loads_so_its_charts_reuse_the_early_load()
    {
        Assert.Equal(PlotlyScript.InteropPath, PackageConstant("InteropPath"));
        Assert.Equal(PlotlyScript.PlotlyPath, PackageConstant("PlotlyPath"));
    }

    [Fact]
    public async Task The_first_render_loads_plotly_through_the_package_module_once()
    {
        await using var ctx = ChartHost.Create();
        var module = ctx.JSInterop.SetupModule(PlotlyScript.InteropPath);
        module.SetupVoid("importScript", PlotlyScript.ScriptId, PlotlyScript.PlotlyPath).SetVoidResult();
        var cut = ctx.Render<PlotlyPreload>();

        cut.WaitForAssertion(() => Assert.Single(module.Invocations["importScript"]));
        cut.Render();
        Assert.Single(module.Invocations["importScript"]);
    }
}
