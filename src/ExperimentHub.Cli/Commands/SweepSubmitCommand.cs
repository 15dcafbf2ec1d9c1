using System.CommandLine;
using ExperimentHub.Client;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Cli.Commands;

/// <summary><c>ehub sweep submit spec.yaml [--project KEY] [--follow]</c>.</summary>
internal static class SweepSubmitCommand
{
    public const string ProjectVariable = "EXPERIMENTHUB_PROJECT";

    public static Command Create(SweepTerminal terminal)
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The sweep spec, YAML or JSON" };
        var project = new Option<string?>("--project", "-p")
        {
            Description = $"The project's key (default: ${ProjectVariable}, or the server's only project)",
        };
        var follow = new Option<bool>("--follow", "-f") { Description = "Show the sweep's progress until it ends" };
        var connection = new SweepConnection();
        var command = new Command("submit", "Validate a sweep spec and submit it to the server");
        command.Arguments.Add(spec);
        command.Options.Add(project);
        command.Options.Add(follow);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(spec), parse.GetValue(project), parse.GetValue(follow), parse, connection, terminal, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, string? projectKey, bool follow, ParseResult parse, SweepConnection connection,
        SweepTerminal terminal, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            terminal.Fail($"{file.FullName}: no such file");
            return SweepExitCodes.Usage;
        }
        var text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        var shown = file.ToString(); // as the user wrote it

        // Checked here first, so that a broken spec is reported with its file name and costs no round trip.
        var format = file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase) ? SpecFormat.Json : SweepSpecParser.DetectFormat(text);
        var parsed = SweepSpecParser.Parse(text, format);
        if (!parsed.IsValid)
        {
            SweepSpecErrors.Print(terminal, shown, parsed.Errors.Select(e => SweepSpecErrors.Format(shown, e)).ToList(), "in the spec");
            return SweepExitCodes.Usage;
        }

        using var client = connection.Connect(parse, terminal);
        if (client is null)
        {
            return SweepExitCodes.Usage;
        }
        try
        {
            projectKey ??= terminal.Variable(ProjectVariable) ?? await OnlyProjectAsync(client, terminal, cancellationToken);
            if (projectKey is null)
            {
                return SweepExitCodes.Usage;
            }
            var sweep = await client.SubmitSweepAsync(projectKey, text, cancellationToken);
            var spec = parsed.Spec!;
            if (parsed.IsSeedJob)
            {
                terminal.Line($"{shown} is a seed-000 job; it was translated into a sweep spec (README, \"Seed-000 jobs\")");
            }
            terminal.Line($"Submitted sweep {sweep.Id} ({sweep.Name}) to project {projectKey}: " +
                $"{spec.Budget.Trials} trials, {spec.Budget.Parallel} at a time, method {(sweep.Method.Length > 0 ? sweep.Method : spec.Method.ToString().ToLowerInvariant())}");
            terminal.Line($"Dashboard: {new Uri(client.BaseAddress!, $"sweeps/{sweep.Id}")}");
            return follow ? await SweepFollower.FollowAsync(client, sweep.Id, terminal, cancellationToken) : SweepExitCodes.Ok;
        }
        catch (ExperimentHubException e) when (e.SpecErrors.Count > 0)
        {
            SweepSpecErrors.Print(terminal, shown, e.SpecErrors.Select(s => SweepSpecErrors.Format(shown, s)).ToList(), "found by the server");
            return SweepExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SweepExitCodes.Detached;
        }
        catch (Exception e) when (SweepConnection.IsServerError(e))
        {
            return SweepConnection.Report(e, client, terminal);
        }
    }

    /// <summary>The server's only project, or null after saying which to choose from.</summary>
    private static async Task<string?> OnlyProjectAsync(ExperimentHubClient client, SweepTerminal terminal, CancellationToken cancellationToken)
    {
        var projects = await client.ListProjectsAsync(cancellationToken);
        switch (projects.Count)
        {
            case 1:
                return projects[0].Key;
            case 0:
                terminal.Fail("the server has no project yet: create one in the dashboard or with POST /api/v1/projects, then pass --project KEY");
                return null;
            default:
                terminal.Fail($"name the project with --project KEY or {ProjectVariable}; the server has {string.Join(", ", projects.Select(p => p.Key))}");
                return null;
        }
    }
}
