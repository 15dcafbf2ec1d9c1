using Bunit;
using ExperimentHub.Server.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NotFoundPage = ExperimentHub.Server.Components.Pages.NotFound;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>The page for any address no other page claims.</summary>
public sealed class NotFoundPageTests
{
    [Fact]
    public async Task Names_the_address_and_links_back_to_the_projects()
    {
        await using var ctx = ComponentTests.Create();

        var cut = ctx.Render<NotFoundPage>(p => p.Add(n => n.Path, "runs/12/nothing"));

        var message = cut.Find("[data-testid=not-found]");
        Assert.Equal("There is no such page.", message.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Nothing lives at /runs/12/nothing.", message.TextContent, StringComparison.Ordinal);
        Assert.Equal("projects", message.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_router_sends_an_unknown_address_to_it_inside_the_app()
    {
        await using var ctx = ComponentTests.Create();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("no/such/page");

        var cut = ctx.Render<Routes>();

        Assert.Contains("Nothing lives at /no/such/page.", cut.WaitForElement("[data-testid=not-found]").TextContent, StringComparison.Ordinal);
    }
}
