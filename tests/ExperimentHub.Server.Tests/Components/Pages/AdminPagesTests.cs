using Bunit;
using ExperimentHub.Server.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>
/// The admin pages through the app's router, as a link inside the circuit reaches them: the endpoint checks only the
/// first request, so the router must refuse a signed-in user who is not an admin too.
/// </summary>
public sealed class AdminPagesTests
{
    [Theory]
    [InlineData("audit")]
    [InlineData("users")]
    public async Task A_user_who_is_not_an_admin_navigating_to_an_admin_page_is_refused(string page)
    {
        await using var ctx = ComponentTests.Create();
        ctx.AddAuthorization().SetAuthorized("viewer");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(page);

        var cut = ctx.Render<Routes>();

        var refusal = cut.WaitForElement("[data-testid=not-found]");
        Assert.Contains("There is no such page, or you have no access to it.", refusal.TextContent, StringComparison.Ordinal);
        Assert.Contains("This page is for admins only.", refusal.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=audit-grid]"));
        Assert.Empty(cut.FindAll("[data-testid=users-grid]"));
    }
}
