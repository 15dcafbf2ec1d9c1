using System.CommandLine;
using System.Globalization;
using ExperimentHub.Contracts.Api;
using Spectre.Console;

namespace ExperimentHub.Cli.Commands;

/// <summary><c>ehub keys create|list|revoke</c>: API keys, through the keys API with the key of <c>--api-key</c>.</summary>
internal static class KeysCommand
{
    public static Command Create(SweepTerminal terminal)
    {
        var command = new Command("keys", "Create, list and revoke API keys");
        command.Subcommands.Add(CreateCommand(terminal));
        command.Subcommands.Add(ListCommand(terminal));
        command.Subcommands.Add(RevokeCommand(terminal));
        return command;
    }

    private static Command CreateCommand(SweepTerminal terminal)
    {
        var name = new Option<string>("--name", "-n") { Description = "What the key is for (shown in lists)", Required = true };
        var role = new Option<string>("--role", "-r") { Description = "viewer, editor, owner, admin or agent", Required = true };
        var project = new Option<string?>("--project", "-p") { Description = "Bind an owner, editor or viewer key to this project" };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (a date or date and time, UTC unless given)" };
        var connection = new SweepConnection();
        var command = new Command("create", "Make a key and print it once; only its hash is kept");
        command.Options.Add(name);
        command.Options.Add(role);
        command.Options.Add(project);
        command.Options.Add(expires);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(connection, parse, terminal, async client =>
        {
            var created = await client.CreateKeyAsync(
                new CreateKeyRequest(parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(project), parse.GetValue(expires)), cancellationToken);
            // The key alone on stdout (scripts take it from there); what it is goes to stderr.
            terminal.Line(created.Key);
            terminal.ErrorLine($"Key {created.Id} ({created.Prefix}): role {created.Role}" + (created.Project is { } p ? $" in project {p}" : "")
                + (created.ExpiresAt is { } e ? $", expires {e.ToString("u", CultureInfo.InvariantCulture)}" : "")
                + ". It is shown only now: keep it somewhere safe.");
        }));
        return command;
    }

    private static Command ListCommand(SweepTerminal terminal)
    {
        var connection = new SweepConnection();
        var command = new Command("list", "List the keys you may see, without their secrets");
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(connection, parse, terminal, async client =>
            Print(await client.ListKeysAsync(cancellationToken), terminal)));
        return command;
    }

    private static Command RevokeCommand(SweepTerminal terminal)
    {
        var id = new Argument<long>("id") { Description = "The key's id (see 'ehub keys list')" };
        var connection = new SweepConnection();
        var command = new Command("revoke", "Revoke a key: it stops working at once");
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(connection, parse, terminal, async client =>
        {
            var revoked = await client.RevokeKeyAsync(parse.GetValue(id), cancellationToken);
            terminal.Line($"Revoked key {revoked.Id} ({revoked.Prefix}, {revoked.Name}).");
        }));
        return command;
    }

    private static async Task<int> RunAsync(SweepConnection connection, ParseResult parse, SweepTerminal terminal, Func<Client.ExperimentHubClient, Task> act)
    {
        using var client = connection.Connect(parse, terminal);
        if (client is null)
        {
            return SweepExitCodes.Usage;
        }
        try
        {
            await act(client);
            return SweepExitCodes.Ok;
        }
        catch (Exception e) when (SweepConnection.IsServerError(e))
        {
            return SweepConnection.Report(e, client, terminal);
        }
    }

    private static void Print(IReadOnlyList<KeyDto> keys, SweepTerminal terminal)
    {
        if (keys.Count == 0)
        {
            terminal.Line("No keys.");
            return;
        }
        var table = new Table();
        foreach (var column in new[] { "id", "name", "role", "project", "key", "user", "created", "last used", "expires", "revoked" })
        {
            table.AddColumn(column);
        }
        foreach (var k in keys)
        {
            table.AddRow(
                k.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(k.Name), k.Role, Markup.Escape(k.Project ?? ""), Markup.Escape(k.Prefix),
                Markup.Escape(k.User ?? ""), Time(k.CreatedAt), Time(k.LastUsedAt), Time(k.ExpiresAt), Time(k.RevokedAt));
        }
        terminal.Out.Write(table);
    }

    private static string Time(DateTimeOffset? at) => at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
}
