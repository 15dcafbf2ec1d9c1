using Bunit;
using ExperimentHub.Server.Audit;
using Microsoft.Extensions.DependencyInjection;
using AuditPage = ExperimentHub.Server.Components.Pages.Access.Audit;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>The audit page over the real audit log.</summary>
public sealed class AuditPageTests
{
    [Fact]
    public async Task Lists_what_was_done_newest_first_with_who_did_it_to_what_and_where()
    {
        await using var ctx = ComponentTests.Create().AddAccounts();
        var log = ctx.Services.GetRequiredService<AuditLog>();
        await log.RecordAsync("user admin", AuditActions.UserCreate, "user bea");
        await log.RecordAsync("key ci (#3)", AuditActions.SweepLaunch, "sweep 4", "vision", "budget 50");

        var cut = ctx.RenderHosted<AuditPage>();

        var rows = cut.WaitForElements("[data-testid=audit-grid] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(
            [
                ["key ci (#3)", "sweep.launch", "sweep 4", "vision", "budget 50"],
                ["user admin", "user.create", "user bea", "", ""],
            ],
            rows);
        Assert.Empty(cut.FindAll("[data-testid=audit-empty]"));
    }

    [Fact]
    public async Task An_empty_log_says_what_will_be_recorded()
    {
        await using var ctx = ComponentTests.Create().AddAccounts();

        var cut = ctx.RenderHosted<AuditPage>();

        Assert.Contains("Nothing recorded yet", cut.WaitForElement("[data-testid=audit-empty]").TextContent, StringComparison.Ordinal);
    }
}
