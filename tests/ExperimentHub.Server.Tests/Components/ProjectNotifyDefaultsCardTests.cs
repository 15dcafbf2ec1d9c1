using Bunit;
using ExperimentHub.Server.Components.Controls;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Notifications;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components;

public sealed class ProjectNotifyDefaultsCardTests
{
    [Fact]
    public async Task A_valid_list_is_saved_and_a_bad_event_is_shown_at_its_field_without_changing_what_is_stored()
    {
        await using var ctx = ComponentTests.Create();
        var store = ctx.Services.GetRequiredService<TestStore>();
        await using (var db = await store.Contexts.CreateDbContextAsync())
        {
            db.Projects.Add(new Project { Key = "vision", Name = "Vision", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var cut = ctx.RenderHosted<ProjectNotifyDefaultsCard>(("ProjectKey", "vision"));

        cut.WaitForElement("[data-testid=notify-defaults] textarea").Change("- {webhook: 'https://hooks.example.com/x', on: [completed, failed]}");
        await cut.Find("[data-testid=notify-defaults-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=notify-defaults-saved]")));
        var defaults = ctx.Services.GetRequiredService<ProjectNotifyDefaults>();
        Assert.Equal("- {webhook: 'https://hooks.example.com/x', on: [completed, failed]}", await defaults.GetAsync("vision", CancellationToken.None));

        cut.WaitForElement("[data-testid=notify-defaults] textarea").Change("- {email: ops@example.com, on: [finished]}");
        await cut.Find("[data-testid=notify-defaults-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("notify[0].on[0]: must be one of completed, failed, paused, new_best",
            cut.Find("[data-testid=notify-defaults] .eh-issues").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=notify-defaults-saved]"));
        Assert.Equal("- {webhook: 'https://hooks.example.com/x', on: [completed, failed]}", await defaults.GetAsync("vision", CancellationToken.None));
    }
}
