using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using ExperimentHub.Server.Auth;

namespace ExperimentHub.Server.Tests.Auth;

/// <summary>
/// A fresh store without a configured key: the server prints a one-time link that creates the first admin (never a key
/// or a password), a new one at each start, and none once an admin can sign in.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed partial class FirstStartTests
{
    [Fact]
    public async Task First_start_prints_a_single_use_admin_link_that_a_restart_replaces()
    {
        using var data = new TemporaryDirectory("first-start");
        var (firstOutput, firstLink) = await StartAsync(data.Path, async (server, _) =>
        {
            using var client = NewClient(server);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/projects")).StatusCode);
        });
        Assert.NotNull(firstLink);
        Assert.DoesNotContain("ehk_", firstOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("password", firstOutput, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(data.Path, FirstStartBootstrapper.OldKeyFileName)));

        string? secondLink = null;
        (_, secondLink) = await StartAsync(data.Path, async (server, printed) =>
        {
            using var client = NewClient(server);
            // The first start's link died with the restart.
            Assert.Contains("data-testid=\"setup-invalid\"", await client.GetStringAsync(PathOf(firstLink!)), StringComparison.Ordinal);
            var link = LinkIn(printed, out _)!;
            Assert.Contains("name=\"Confirm\"", await client.GetStringAsync(PathOf(link)), StringComparison.Ordinal);
            // What the page's form does (SetupPageTests posts it): use the secret up, create the admin.
            Assert.True(await server.Services.GetRequiredService<SetupTokens>().ConsumeAsync(SecretOf(link), CancellationToken.None));
            Assert.NotNull(await server.Services.GetRequiredService<UserAccounts>().CreateAsync("root", "correct horse battery", true, CancellationToken.None));
            Assert.Contains("data-testid=\"setup-invalid\"", await client.GetStringAsync(PathOf(link)), StringComparison.Ordinal);
        });
        Assert.NotNull(secondLink);
        Assert.NotEqual(firstLink, secondLink);

        var (thirdOutput, _) = await StartAsync(data.Path, (_, _) => Task.CompletedTask);
        Assert.Null(LinkIn(thirdOutput, out _));
        Assert.Contains("Sign in at", thirdOutput, StringComparison.Ordinal);
    }

    private static async Task<(string Output, string? Link)> StartAsync(string dataDir, Func<ExperimentHubServer, string, Task> use)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(output));
        string printed;
        try
        {
            await using var server = await ExperimentHubServer.StartAsync(o =>
            {
                o.DataDir = dataDir;
                o.Settings["ExperimentHub:Bootstrap:AdminApiKey"] = null;
            });
            printed = output.ToString();
            await use(server, printed);
        }
        finally
        {
            Console.SetOut(original);
        }
        return (printed, LinkIn(printed, out _));
    }

    private static string? LinkIn(string output, out Match match)
    {
        match = SetupLink().Match(output);
        return match.Success ? match.Value : null;
    }

    private static string PathOf(string link) => new Uri(link).PathAndQuery.TrimStart('/');

    private static HttpClient NewClient(ExperimentHubServer server) => new() { BaseAddress = server.Address };

    private static string SecretOf(string link) => new Uri(link).Query["?token=".Length..];

    [GeneratedRegex(@"http://\S+/setup\?token=[A-Za-z0-9_-]+")]
    private static partial Regex SetupLink();
}
