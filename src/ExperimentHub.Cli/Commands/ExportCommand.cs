using System.CommandLine;

namespace ExperimentHub.Cli.Commands;

/// <summary><c>ehub export [--format csv|jsonl|parquet] [--output FILE]</c>: the run catalog, streamed from the server.</summary>
internal static class ExportCommand
{
    public static Command Create(SweepTerminal terminal)
    {
        var format = new Option<string>("--format")
        {
            Description = "csv, jsonl or parquet",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "jsonl", "parquet");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var connection = new SweepConnection();
        var command = new Command("export", "Export every run (project, sweep, parameters, metrics, status, timings) as CSV, JSON Lines or Parquet");
        command.Options.Add(format);
        command.Options.Add(output);
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, terminal);
            if (client is null)
            {
                return SweepExitCodes.Usage;
            }
            var file = parse.GetValue(output);
            try
            {
                await using var source = await client.ExportCatalogAsync(parse.GetRequiredValue(format), cancellationToken);
                if (file is null)
                {
                    await using var stdout = Console.OpenStandardOutput();
                    await source.CopyToAsync(stdout, cancellationToken);
                    return SweepExitCodes.Ok;
                }
                // Written next to the target and moved into place, so that a failed export leaves no half a file.
                var partial = file.FullName + ".partial";
                await using (var target = File.Create(partial))
                {
                    await source.CopyToAsync(target, cancellationToken);
                }
                File.Move(partial, file.FullName, overwrite: true);
                terminal.ErrorLine($"Exported the run catalog to {file.FullName} ({new FileInfo(file.FullName).Length:N0} bytes).");
                return SweepExitCodes.Ok;
            }
            catch (Exception e) when (SweepConnection.IsServerError(e))
            {
                return SweepConnection.Report(e, client, terminal);
            }
            catch (IOException e)
            {
                terminal.Fail($"cannot write {file?.FullName}: {e.Message}");
                return SweepExitCodes.Failed;
            }
        });
        return command;
    }
}
