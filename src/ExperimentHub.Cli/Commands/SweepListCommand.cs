using System.CommandLine;
using System.Globalization;
using ExperimentHub.Contracts.Api;
using Spectre.Console;

namespace ExperimentHub.Cli.Commands;

/// <summary><c>ehub sweep list [--project KEY]</c>: the sweeps of one project, or of every project.</summary>
internal static class SweepListCommand
{
    public static Command Create(SweepTerminal terminal)
    {
        var project = new Option<string?>("--project", "-p") { Description = "Only this project's sweeps (default: every project's)" };
        var connection = new SweepConnection();
        var command = new Command("list", "List sweeps with their status and budget");
        command.Options.Add(project);
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, terminal);
            if (client is null)
            {
                return SweepExitCodes.Usage;
            }
            try
            {
                var keys = parse.GetValue(project) is { } key
                    ? [key]
                    : (await client.ListProjectsAsync(cancellationToken)).Select(p => p.Key).ToList();
                var sweeps = new List<SweepSummaryDto>();
                foreach (var k in keys)
                {
                    sweeps.AddRange(await client.ListSweepsAsync(k, cancellationToken));
                }
                Print(sweeps.OrderByDescending(s => s.Id).ToList(), terminal);
                return SweepExitCodes.Ok;
            }
            catch (Exception e) when (SweepConnection.IsServerError(e))
            {
                return SweepConnection.Report(e, client, terminal);
            }
        });
        return command;
    }

    private static void Print(List<SweepSummaryDto> sweeps, SweepTerminal terminal)
    {
        if (sweeps.Count == 0)
        {
            terminal.Line("No sweeps.");
            return;
        }
        var table = new Table();
        foreach (var column in new[] { "id", "project", "name", "status", "trials", "created", "ended", "reason" })
        {
            table.AddColumn(column);
        }
        foreach (var s in sweeps)
        {
            table.AddRow(
                s.Id.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(s.ProjectKey ?? ""),
                Markup.Escape(s.Name),
                Markup.Escape(s.Status),
                s.TrialBudget.ToString(CultureInfo.InvariantCulture),
                s.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                s.EndedAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(s.StatusReason ?? ""));
        }
        terminal.Out.Write(table);
    }
}
