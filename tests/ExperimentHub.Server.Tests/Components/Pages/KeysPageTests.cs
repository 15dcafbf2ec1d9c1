using AngleSharp.Dom;
using Bunit;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Audit;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Pages.Access;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>The Keys page over the real KeyManager and store, signed in as the admin (user 1).</summary>
public sealed class KeysPageTests
{
    private static readonly Caller Admin = new(CallerKind.User, "admin", true, 1, null, null, null, null, null);

    private static async Task<BunitContext> CreateAsync()
    {
        var ctx = ComponentTests.Create().AddAccounts();
        await ctx.AddAdminUserAsync();
        await ctx.AddProjectAsync("vision");
        return ctx;
    }

    private static Task<IReadOnlyList<KeyDto>> StoredAsync(BunitContext ctx) =>
        ctx.Services.GetRequiredService<KeyManager>().ListAsync(Admin, CancellationToken.None);

    private static async Task<CreatedKeyDto> MakeAsync(BunitContext ctx, string name, string role, string? project)
    {
        var made = await ctx.Services.GetRequiredService<KeyManager>().CreateAsync(Admin, new CreateKeyRequest(name, role, project, null), CancellationToken.None);
        Assert.True(made.Succeeded, made.Error);
        return made.Value!;
    }

    private static IElement Field(IRenderedComponent<ProvidersHost> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control") ?? throw new InvalidOperationException($"{testId} is not inside a MudBlazor field");

    [Fact]
    public async Task Lists_the_stored_keys_newest_first_with_role_project_prefix_and_last_use()
    {
        await using var ctx = await CreateAsync();
        var ci = await MakeAsync(ctx, "ci runner", "editor", "vision");
        var ops = await MakeAsync(ctx, "ops", "admin", null);

        var cut = ctx.RenderHosted<Keys>();

        var rows = cut.WaitForElements("[data-testid=keys-grid] tbody tr");
        Assert.Equal(2, rows.Count);
        var cells = rows.Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([ops.Id.ToString(), "ops", "admin", "", ops.Prefix, "admin"], cells[0].Take(6));
        Assert.Equal([ci.Id.ToString(), "ci runner", "editor", "vision", ci.Prefix, "admin"], cells[1].Take(6));
        Assert.Equal("never", cells[1][7]);
        Assert.Equal(2, cut.FindAll("[data-testid=revoke-key]").Count);
        Assert.Empty(cut.FindAll("[data-testid=keys-empty]"));
    }

    [Fact]
    public async Task With_no_keys_the_grid_says_how_to_make_one()
    {
        await using var ctx = await CreateAsync();

        var cut = ctx.RenderHosted<Keys>();

        Assert.Contains("No keys yet", cut.WaitForElement("[data-testid=keys-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_listed_and_stored_for_its_project()
    {
        await using var ctx = await CreateAsync();
        var cut = ctx.RenderHosted<Keys>();
        cut.WaitForElement("[data-testid=keys-empty]");

        cut.Find("input[data-testid=key-name]").Change("deploy");
        cut.Find("input[data-testid=key-project]").Change("vision");
        await cut.InvokeAsync(() => cut.Find("[data-testid=create-key]").ClickAsync(new()));

        var stored = Assert.Single(await StoredAsync(ctx));
        Assert.Equal(("deploy", "editor", "vision"), (stored.Name, stored.Role, stored.Project));
        var secret = cut.WaitForElement("[data-testid=new-key]").TextContent.Trim();
        Assert.StartsWith(stored.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal("deploy", cut.WaitForElement("[data-testid=keys-grid] tbody tr td:nth-child(2)").TextContent.Trim());
        // The form is ready for the next key.
        Assert.Equal("", cut.Find("input[data-testid=key-name]").GetAttribute("value") ?? "");
    }

    [Theory]
    [InlineData("", "", "", "key-name", "a key's name has 1 to 100 characters")]
    [InlineData("deploy", "nowhere", "", "key-project", "there is no project 'nowhere'")]
    [InlineData("deploy", "", "next week", "key-expires", "'next week' is not a date (yyyy-mm-dd)")]
    [InlineData("deploy", "", "2001-01-01", "key-expires", "the expiry must be in the future")]
    public async Task A_bad_value_is_named_at_its_field_alone_and_no_key_is_made(string name, string project, string expires, string field, string message)
    {
        await using var ctx = await CreateAsync();
        var cut = ctx.RenderHosted<Keys>();
        cut.WaitForElement("[data-testid=keys-empty]");

        cut.Find("input[data-testid=key-name]").Change(name);
        cut.Find("input[data-testid=key-project]").Change(project);
        cut.Find("input[data-testid=key-expires]").Change(expires);
        await cut.InvokeAsync(() => cut.Find("[data-testid=create-key]").ClickAsync(new()));

        cut.WaitForAssertion(() => Assert.Contains(message, Field(cut, field).QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent ?? "", StringComparison.Ordinal));
        foreach (var other in new[] { "key-name", "key-project", "key-expires" }.Where(f => f != field))
        {
            Assert.Null(Field(cut, other).QuerySelector(".mud-input-helper-text.mud-input-error"));
        }
        Assert.Empty(cut.FindAll("[data-testid=key-error]"));
        Assert.Empty(cut.FindAll("[data-testid=new-key]"));
        Assert.Empty(await StoredAsync(ctx));
    }

    [Fact]
    public async Task Revoking_a_key_marks_its_row_revoked_in_the_store_and_the_audit_log()
    {
        await using var ctx = await CreateAsync();
        var kept = await MakeAsync(ctx, "kept", "viewer", "vision");
        var gone = await MakeAsync(ctx, "gone", "editor", "vision");
        var cut = ctx.RenderHosted<Keys>();
        cut.WaitForElements("[data-testid=keys-grid] tbody tr");

        // Newest first: the first row's button revokes 'gone'.
        await cut.InvokeAsync(() => cut.Find("[data-testid=keys-grid] tbody tr [data-testid=revoke-key]").ClickAsync(new()));

        cut.WaitForAssertion(() => Assert.StartsWith("revoked", cut.Find("[data-testid=keys-grid] tbody tr:first-child td:last-child").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Single(cut.FindAll("[data-testid=revoke-key]"));
        var stored = (await StoredAsync(ctx)).ToDictionary(k => k.Id);
        Assert.NotNull(stored[gone.Id].RevokedAt);
        Assert.Null(stored[kept.Id].RevokedAt);
        var events = await ctx.Services.GetRequiredService<AuditLog>().ListAsync(null, 10, CancellationToken.None);
        Assert.Contains(events, e => e.Action == AuditActions.KeyRevoke && e.Target == $"key {gone.Prefix}");
    }
}
