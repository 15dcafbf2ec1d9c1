using Bunit;
using ExperimentHub.Server.Components.Controls;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class CatalogExportTests
{
    [Fact]
    public async Task Export_downloads_the_projects_catalog_and_shows_progress_then_the_saved_size()
    {
        await using var ctx = ComponentTests.Create();
        var module = ctx.JSInterop.SetupModule("./js/dashboard.js");
        var download = module.Setup<long>("downloadWithProgress", _ => true);
        var cut = ctx.RenderHosted<CatalogExport>(("ProjectKey", "vision lab"));
        cut.WaitForElement("[data-testid=export-download]").Click();

        var call = download.VerifyInvoke("downloadWithProgress");
        Assert.Equal("/ui/catalog/runs?format=csv&project=vision%20lab", call.Arguments[0]);
        Assert.Equal("vision lab-runs.csv", call.Arguments[1]);
        Assert.True(cut.Find("[data-testid=export-download]").HasAttribute("disabled"));

        var export = cut.FindComponent<CatalogExport>().Instance;
        await cut.InvokeAsync(() => export.Progress(2048, 0.5));
        cut.WaitForAssertion(() => Assert.Contains("50", cut.Find("[data-testid=export-progress]").TextContent, StringComparison.Ordinal));

        download.SetResult(4096);
        cut.WaitForAssertion(() => Assert.Contains("saved vision lab-runs.csv", cut.Find("[data-testid=export-progress]").TextContent, StringComparison.Ordinal));
        Assert.False(cut.Find("[data-testid=export-download]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_refused_export_says_why()
    {
        await using var ctx = ComponentTests.Create();
        var module = ctx.JSInterop.SetupModule("./js/dashboard.js");
        var download = module.Setup<long>("downloadWithProgress", _ => true);
        var cut = ctx.RenderHosted<CatalogExport>(("ProjectKey", "p"));
        cut.WaitForElement("[data-testid=export-download]").Click();
        download.SetException(new Microsoft.JSInterop.JSException("403: Forbidden"));
        cut.WaitForAssertion(() => Assert.Contains("403: Forbidden", cut.Find("[data-testid=export-error]").TextContent, StringComparison.Ordinal));
    }
}
