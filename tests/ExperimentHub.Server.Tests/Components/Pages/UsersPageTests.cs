using AngleSharp.Dom;
using Bunit;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Pages.Access;
using ExperimentHub.Server.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>The Users page over the real accounts, project roles and audit log.</summary>
public sealed class UsersPageTests
{
    private static async Task<BunitContext> CreateAsync()
    {
        var ctx = ComponentTests.Create().AddAccounts();
        await ctx.AddAdminUserAsync();
        await ctx.AddProjectAsync("vision");
        return ctx;
    }

    private static IElement Field(IRenderedComponent<ProvidersHost> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control") ?? throw new InvalidOperationException($"{testId} is not inside a MudBlazor field");

    private static string? ErrorAt(IRenderedComponent<ProvidersHost> cut, string testId) => Field(cut, testId).QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent;

    private static Task<IReadOnlyList<User>> StoredAsync(BunitContext ctx) => ctx.Services.GetRequiredService<UserAccounts>().ListAsync(CancellationToken.None);

    [Fact]
    public async Task Lists_the_users_with_who_is_admin()
    {
        await using var ctx = await CreateAsync();
        await ctx.Services.GetRequiredService<UserAccounts>().CreateAsync("bea", "bea's password", isAdmin: false, CancellationToken.None);

        var cut = ctx.RenderHosted<Users>();

        var rows = cut.WaitForElements("[data-testid=users-grid] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Take(3).Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(["admin", "admin", "yes"], rows);
        Assert.Contains(["bea", "", "yes"], rows);
    }

    [Fact]
    public async Task A_new_user_is_stored_listed_and_recorded_in_the_audit_log()
    {
        await using var ctx = await CreateAsync();
        var cut = ctx.RenderHosted<Users>();
        cut.WaitForElement("[data-testid=users-grid]");

        cut.Find("input[data-testid=user-name]").Change("carl");
        cut.Find("input[data-testid=user-password]").Change("carl's long password");
        await cut.InvokeAsync(() => cut.Find("[data-testid=create-user]").ClickAsync(new()));

        Assert.Equal("User carl created.", cut.WaitForElement("[data-testid=users-message]").TextContent.Trim());
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=users-grid] tbody tr td:first-child"), c => c.TextContent.Trim() == "carl"));
        var carl = await ctx.Services.GetRequiredService<UserAccounts>().VerifyAsync("carl", "carl's long password", CancellationToken.None);
        Assert.False(carl?.IsAdmin);
        var events = await ctx.Services.GetRequiredService<AuditLog>().ListAsync(null, 10, CancellationToken.None);
        Assert.Contains(events, e => e.Action == AuditActions.UserCreate && e.Target == "user carl" && e.Actor == "user admin");
    }

    [Fact]
    public async Task A_bad_name_and_a_short_password_are_each_named_at_their_field_and_no_user_is_made()
    {
        await using var ctx = await CreateAsync();
        var cut = ctx.RenderHosted<Users>();
        cut.WaitForElement("[data-testid=users-grid]");

        cut.Find("input[data-testid=user-name]").Change("carl smith");
        cut.Find("input[data-testid=user-password]").Change("short");
        await cut.InvokeAsync(() => cut.Find("[data-testid=create-user]").ClickAsync(new()));

        cut.WaitForAssertion(() => Assert.Contains("a user name has 1 to 64 letters", ErrorAt(cut, "user-name") ?? "", StringComparison.Ordinal));
        Assert.Contains("a password has 10 to 200 characters", ErrorAt(cut, "user-password") ?? "", StringComparison.Ordinal);
        Assert.Null(ErrorAt(cut, "member-user"));
        Assert.Empty(cut.FindAll("[data-testid=users-message]"));
        Assert.Equal(["admin"], (await StoredAsync(ctx)).Select(u => u.Name));
    }

    [Fact]
    public async Task A_name_taken_already_is_named_at_the_name_field()
    {
        await using var ctx = await CreateAsync();
        var cut = ctx.RenderHosted<Users>();
        cut.WaitForElement("[data-testid=users-grid]");

        cut.Find("input[data-testid=user-name]").Change("admin");
        cut.Find("input[data-testid=user-password]").Change("another long password");
        await cut.InvokeAsync(() => cut.Find("[data-testid=create-user]").ClickAsync(new()));

        cut.WaitForAssertion(() => Assert.Contains("a user named 'admin' exists already", ErrorAt(cut, "user-name") ?? "", StringComparison.Ordinal));
        Assert.Null(ErrorAt(cut, "user-password"));
        Assert.Single(await StoredAsync(ctx));
    }

    [Fact]
    public async Task A_project_role_is_stored_and_an_unknown_user_and_project_are_named_at_their_fields()
    {
        await using var ctx = await CreateAsync();
        var dan = await ctx.Services.GetRequiredService<UserAccounts>().CreateAsync("dan", "dan's long password", isAdmin: false, CancellationToken.None);
        var cut = ctx.RenderHosted<Users>();
        cut.WaitForElement("[data-testid=users-grid]");

        cut.Find("input[data-testid=member-user]").Change("nobody");
        cut.Find("input[data-testid=member-project]").Change("nowhere");
        await cut.InvokeAsync(() => cut.Find("[data-testid=set-member]").ClickAsync(new()));
        cut.WaitForAssertion(() => Assert.Contains("there is no user 'nobody'", ErrorAt(cut, "member-user") ?? "", StringComparison.Ordinal));
        Assert.Contains("there is no project 'nowhere'", ErrorAt(cut, "member-project") ?? "", StringComparison.Ordinal);

        cut.Find("input[data-testid=member-user]").Change("dan");
        cut.Find("input[data-testid=member-project]").Change("vision");
        await cut.InvokeAsync(() => cut.Find("[data-testid=set-member]").ClickAsync(new()));

        Assert.Equal("dan is now viewer in vision.", cut.WaitForElement("[data-testid=users-message]").TextContent.Trim());
        Assert.Null(ErrorAt(cut, "member-user"));
        Assert.Null(ErrorAt(cut, "member-project"));
        var vision = await ctx.Services.GetRequiredService<AccessControl>().ProjectOfKeyAsync("vision", CancellationToken.None);
        var member = Assert.Single(await ctx.Services.GetRequiredService<ProjectMembers>().ListAsync(vision!.ProjectId, CancellationToken.None));
        Assert.Equal((dan!.Id, ProjectRole.Viewer), (member.UserId, member.Role));
    }
}
