using System.Net;
using ExperimentHub.Cli.Commands;

namespace ExperimentHub.Cli.Tests.Commands;

public sealed class KeysCommandTests
{
    [Fact]
    public async Task Keys_are_created_listed_and_revoked_from_the_command_line()
    {
        await using var server = await ExperimentHubServer.StartAsync();
        using (var admin = server.CreateAdminClient())
        {
            (await admin.PostAsync("api/v1/projects", new StringContent("""{"key": "cli-keys", "name": "CLI keys"}""", System.Text.Encoding.UTF8, "application/json")))
                .EnsureSuccessStatusCode();
        }
        var create = new SweepCliHarness().With(SweepConnection.UrlVariable, server.BaseUrl).With(SweepConnection.KeyVariable, server.AdminKey);
        Assert.Equal(0, await create.RunAsync("keys", "create", "--name", "ci", "--role", "editor", "--project", "cli-keys", "--expires", "2099-01-01"));
        var key = create.Output.Trim();
        Assert.Matches("^ehk_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("role editor in project cli-keys", create.Error, StringComparison.Ordinal);

        var list = new SweepCliHarness().With(SweepConnection.UrlVariable, server.BaseUrl).With(SweepConnection.KeyVariable, server.AdminKey);
        Assert.Equal(0, await list.RunAsync("keys", "list"));
        Assert.Contains("ci", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key[17..], list.Output, StringComparison.Ordinal);
        Assert.Contains("editor", list.Output, StringComparison.Ordinal);

        using (var ci = server.CreateClient(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await ci.GetAsync("api/v1/projects/cli-keys/runs")).StatusCode);
        }
        var id = await IdOfAsync(server, "ci");
        var revoke = new SweepCliHarness().With(SweepConnection.UrlVariable, server.BaseUrl).With(SweepConnection.KeyVariable, server.AdminKey);
        Assert.Equal(0, await revoke.RunAsync("keys", "revoke", id));
        Assert.Contains("Revoked key " + id, revoke.Output, StringComparison.Ordinal);
        using (var ci = server.CreateClient(key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ci.GetAsync("api/v1/projects/cli-keys/runs")).StatusCode);
        }

        var refused = new SweepCliHarness().With(SweepConnection.UrlVariable, server.BaseUrl).With(SweepConnection.KeyVariable, server.AdminKey);
        Assert.NotEqual(0, await refused.RunAsync("keys", "create", "--name", "x", "--role", "superuser"));
        Assert.Contains("role", refused.Error, StringComparison.Ordinal);
    }

    private static async Task<string> IdOfAsync(ExperimentHubServer server, string name)
    {
        using var admin = server.CreateAdminClient();
        using var doc = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("api/v1/keys"));
        return doc.RootElement.EnumerateArray().First(k => k.GetProperty("name").GetString() == name).GetProperty("id").GetInt64()
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
