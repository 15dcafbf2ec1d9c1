using Bunit;
using ExperimentHub.Server.Components.Controls;
using ExperimentHub.Server.Components.Layout;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ExperimentHub.Server.Tests.Components.Pages;

public sealed class ShellTests
{
    [Fact]
    public async Task Layout_has_an_app_bar_a_navigation_drawer_and_the_page()
    {
        await using var ctx = ComponentTests.Create();
        ctx.AddAuthorization();
        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "the page"))));
        Assert.NotNull(cut.Find(".eh-layout .mud-appbar"));
        var links = cut.FindAll(".eh-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["projects", "detect", "agents", "connect", "keys"], links);
        Assert.Contains("the page", cut.Find(".mud-main-content").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dark_mode_follows_a_remembered_choice_and_the_toggle_saves_the_new_one()
    {
        await using var ctx = ComponentTests.Create();
        ctx.AddAuthorization();
        var module = ctx.JSInterop.SetupModule("./js/dashboard.js");
        module.Setup<string?>("loadTheme").SetResult("dark");
        var save = module.SetupVoid("saveTheme", _ => true);
        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "x"))));
        cut.WaitForAssertion(() => Assert.Equal("Switch to light mode", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label")));
        cut.Find("[data-testid=theme-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Switch to dark mode", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label")));
        Assert.Equal("light", save.VerifyInvoke("saveTheme").Arguments[0]);
    }

    [Fact]
    public async Task Title_bar_ends_its_breadcrumbs_with_the_page_itself()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.Render<PageTitleBar>(p => p
            .Add(t => t.Title, "lr search")
            .Add(t => t.Here, "sweep #4")
            .Add(t => t.Crumbs, [new BreadcrumbItem("Projects", "projects"), new BreadcrumbItem("vision", "projects/vision")]));
        Assert.Equal(["projects", "projects/vision"], cut.FindAll(".eh-breadcrumb a").Select(a => a.GetAttribute("href")).Take(2));
        Assert.Contains("sweep #4", cut.Find(".eh-breadcrumb").TextContent, StringComparison.Ordinal);
        Assert.Equal("lr search", cut.Find("h1").TextContent);
    }

    [Theory]
    [InlineData("completed", "success")]
    [InlineData("failed", "error")]
    [InlineData("running", "info")]
    public async Task Status_badge_colours_the_state(string status, string colour)
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.Render<StatusBadge>(p => p.Add(b => b.Status, status));
        var chip = cut.Find(".eh-status");
        Assert.Equal(status, chip.GetAttribute("data-status"));
        Assert.Contains(colour, chip.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_quotes_fields_that_need_it_and_leaves_missing_numbers_empty()
    {
        var text = CsvText.Write(["name", "value"], [["a,b", CsvText.Number(double.NaN)], ["say \"hi\"", CsvText.Number(0.1)]]);
        Assert.Equal("name,value\r\n\"a,b\",\r\n\"say \"\"hi\"\"\",0.1\r\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Equal("vision-sweep-4-trials.csv", CsvText.FileName("vision", "sweep", "4", "trials"));
        Assert.Equal("my_project.csv", CsvText.FileName("my project"));
    }
}
