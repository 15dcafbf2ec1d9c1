using Bunit;
using ExperimentHub.Server.Components.Pages;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>
/// The Connect page shows README.md's Python quick start and HTTP calls, which ExperimentHub.Client.Tests runs against
/// a live server (DocumentationSnippetTests): the same code, and the same environment for this server's address.
/// </summary>
public sealed class ConnectTests
{
    private const string ReadmeServerUrl = "http://127.0.0.1:5000";

    [Fact]
    public async Task Python_script_on_the_page_is_the_readmes_tested_snippet()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.Render<Connect>();

        Assert.Equal(ReadmeSnippets.Read("python-train"), Normalized(cut.Find("[data-testid=python-train]").TextContent));
    }

    [Fact]
    public async Task Http_calls_on_the_page_are_the_readmes_tested_snippet()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.Render<Connect>();

        Assert.Equal(ReadmeSnippets.Read("http-track"), Normalized(cut.Find("[data-testid=http-track]").TextContent));
    }

    [Fact]
    public async Task Python_environment_on_the_page_is_the_readmes_for_this_servers_address()
    {
        await using var ctx = ComponentTests.Create();
        var cut = ctx.Render<Connect>();

        var page = Normalized(cut.Find("[data-testid=python-environment]").TextContent).Split('\n');
        var readme = ReadmeSnippets.Read("python-environment").Replace(ReadmeServerUrl, "http://localhost", StringComparison.Ordinal).Split('\n');
        Assert.Equal(readme.Length, page.Length);
        // Every variable, in the same order, with the same value; only the key's value differs (both say to paste a
        // key made on the Keys page, and the page cannot know which key the reader holds).
        Assert.Equal(readme.Select(l => l.Split('=')[0]), page.Select(l => l.Split('=')[0]));
        Assert.Equal(readme[..^1], page[..^1]);
        Assert.Equal("export EXPERIMENTHUB_API_KEY=<your key>", page[^1]);
    }

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
