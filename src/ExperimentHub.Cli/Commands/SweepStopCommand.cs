using System.CommandLine;

namespace ExperimentHub.Cli.Commands;

/// <summary><c>ehub sweep stop ID</c>: no new trials start, and the running ones are told to stop.</summary>
internal static class SweepStopCommand
{
    public static Command Create(SweepTerminal terminal)
    {
        var id = new Argument<long>("id") { Description = "The sweep's id (see ehub sweep list)" };
        var connection = new SweepConnection();
        var command = new Command("stop", "Stop a running or paused sweep");
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sweepId = parse.GetValue(id);
            if (sweepId <= 0)
            {
                terminal.Fail($"'{sweepId}' is not a sweep id: ids are positive numbers");
                return SweepExitCodes.Usage;
            }
            using var client = connection.Connect(parse, terminal);
            if (client is null)
            {
                return SweepExitCodes.Usage;
            }
            try
            {
                var sweep = await client.StopSweepAsync(sweepId, cancellationToken);
                terminal.Line($"Sweep {sweep.Id} ({sweep.Name}) {sweep.Status}: " +
                    $"{sweep.TrialsCompleted} completed, {sweep.TrialsRunning} still stopping");
                return SweepExitCodes.Ok;
            }
            catch (Exception e) when (SweepConnection.IsServerError(e))
            {
                return SweepConnection.Report(e, client, terminal);
            }
        });
        return command;
    }
}
