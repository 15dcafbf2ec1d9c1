using System.Globalization;
using System.Text.RegularExpressions;
using ExperimentHub.Client;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Testing;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary><c>ehub sweep submit|list|stop</c> as real processes against a real server with no agents (trials stay pending).</summary>
[Collection(ReliabilityCollection.Name)]
public sealed partial class SweepVerbTests() : CliAgainstServerTests("ehub-verbs-")
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Submit_list_and_stop_a_sweep_with_the_server_from_the_environment()
    {
        var project = "verbs-" + Guid.NewGuid().ToString("N")[..8];
        await Client.CreateProjectAsync(project, "verbs");
        var spec = await WriteSpecAsync("long-sweep", trials: 5);
        var env = EhubCli.EnvironmentFor(Server);

        var submitted = await EhubCli.RunAsync(env, CliTimeout, "sweep", "submit", spec, "--project", project);
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var id = SweepId(submitted.StandardOutput);
        Assert.Contains($"to project {project}: 5 trials, 2 at a time", submitted.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{Server.BaseUrl}/sweeps/{id}", submitted.StandardOutput, StringComparison.Ordinal);
        var sweep = await Client.GetSweepAsync(id);
        Assert.Equal("long-sweep", sweep.Name);
        Assert.Equal("running", sweep.Status);

        var listed = await EhubCli.RunAsync(env, CliTimeout, "sweep", "list", "--project", project);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Matches(new Regex($@"\b{id}\b.*long-sweep.*running"), listed.StandardOutput);

        var stopped = await EhubCli.RunAsync(env, CliTimeout, "sweep", "stop", id.ToString(CultureInfo.InvariantCulture));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Contains($"Sweep {id} (long-sweep) stopped", stopped.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("stopped", (await Client.GetSweepAsync(id)).Status);

        // Stopping is idempotent: a second stop changes nothing and is not an error.
        var again = await EhubCli.RunAsync(env, CliTimeout, "sweep", "stop", id.ToString(CultureInfo.InvariantCulture));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("stopped", (await Client.GetSweepAsync(id)).Status);
    }

    [Fact]
    public async Task Submit_picks_the_only_project_and_follow_reports_a_stop_from_elsewhere()
    {
        // This server's only project (the demo is off): --project may be left out.
        var project = "only-" + Guid.NewGuid().ToString("N")[..8];
        if ((await Client.ListProjectsAsync()).Count > 0)
        {
            project = (await Client.ListProjectsAsync())[0].Key;
        }
        else
        {
            await Client.CreateProjectAsync(project, "only");
        }
        Assert.Single(await Client.ListProjectsAsync());
        var spec = await WriteSpecAsync("followed", trials: 3);
        // A colour terminal's variables, but output to a pipe: the progress must come as plain lines.
        var env = EhubCli.EnvironmentFor(Server);
        env["TERM"] = "xterm-256color";
        var (process, output) = EhubCli.Start(env, "sweep", "submit", spec, "--follow");
        using (process)
        {
            var id = await Eventually.ValueAsync(() => Task.FromResult<long?>(SubmittedLine().Match(output.StandardOutput) is { Success: true } m
                ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null), "ehub to print the sweep id", CliTimeout) ?? 0;
            await Eventually.TrueAsync(() => Task.FromResult(output.StandardOutput.Contains($"sweep {id}: running", StringComparison.Ordinal)),
                "the progress line", CliTimeout);
            await Client.StopSweepAsync(id);

            var result = await EhubCli.WaitAsync(process, output, CliTimeout);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"to project {project}", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"Sweep {id} stopped (stopped by a user)", result.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', result.StandardOutput + result.StandardError);
        }
    }

    [Fact]
    public async Task Refusals_are_sentences_with_a_non_zero_exit_code()
    {
        var spec = await WriteSpecAsync("refused", trials: 2);
        var env = EhubCli.EnvironmentFor(Server);

        var noProject = await EhubCli.RunAsync(env, CliTimeout, "sweep", "submit", spec, "--project", "no-such-project");
        Assert.Equal(1, noProject.ExitCode);
        Assert.Contains("there is no project 'no-such-project'", noProject.StandardError, StringComparison.Ordinal);
        Assert.True(Occurrences(noProject.StandardError, "there is no project") == 1, "the reason is stated once: " + noProject.StandardError);

        var noSweep = await EhubCli.RunAsync(env, CliTimeout, "sweep", "stop", "987654");
        Assert.Equal(1, noSweep.ExitCode);
        Assert.Contains("there is no sweep 987654", noSweep.StandardError, StringComparison.Ordinal);

        var noKey = await EhubCli.RunAsync(new Dictionary<string, string> { ["EXPERIMENTHUB_API_URL"] = Server.BaseUrl }, CliTimeout,
            "sweep", "list");
        Assert.Equal(1, noKey.ExitCode);
        Assert.Contains("401", noKey.StandardError, StringComparison.Ordinal);
        Assert.Contains("--api-key", noKey.StandardError, StringComparison.Ordinal);

        // The option wins over the variable.
        var wrongEnvironment = new Dictionary<string, string> { ["EXPERIMENTHUB_API_URL"] = "http://127.0.0.1:1", ["EXPERIMENTHUB_API_KEY"] = "wrong" };
        var options = await EhubCli.RunAsync(wrongEnvironment, CliTimeout, "sweep", "list", "--server", Server.BaseUrl, "--api-key", Server.AdminApiKey);
        Assert.True(options.ExitCode == 0, options.ToString());
    }

    [Fact]
    public async Task Output_redirected_to_a_file_from_a_colour_terminal_is_plain_text()
    {
        var project = "plain-" + Guid.NewGuid().ToString("N")[..8];
        await Client.CreateProjectAsync(project, "plain output");
        var spec = await WriteSpecAsync("plain", trials: 3);
        var file = Path.Combine(Scratch.FullName, "follow.txt");
        var env = EhubCli.EnvironmentFor(Server);
        env["TERM"] = "xterm-256color";

        // `ehub ... > follow.txt` typed at a terminal: standard error and input stay on the terminal (script's pty).
        var (process, output) = EhubCli.StartOnTerminal(env, file, "sweep", "submit", spec, "--project", project, "--follow");
        using (process)
        {
            var id = await Eventually.ValueAsync(() => Task.FromResult<long?>(File.Exists(file) && SubmittedLine().Match(File.ReadAllText(file)) is { Success: true } m
                ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null), "ehub to write the sweep id", CliTimeout) ?? 0;
            await Eventually.TrueAsync(() => Task.FromResult(File.ReadAllText(file).Contains("running |", StringComparison.Ordinal)),
                "the progress in the file", CliTimeout);
            await Client.StopSweepAsync(id);
            var result = await EhubCli.WaitAsync(process, output, CliTimeout);
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("stopped (stopped by a user)", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private async Task<string> WriteSpecAsync(string name, int trials)
    {
        var path = Path.Combine(Scratch.FullName, name + ".yaml");
        await File.WriteAllTextAsync(path, SweepSpecs.Synthetic(name, trials, parallel: 2));
        return path;
    }

    private static long SweepId(string output) =>
        SubmittedLine().Match(output) is { Success: true } m
            ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no sweep id in:{Environment.NewLine}{output}");

    [GeneratedRegex(@"Submitted sweep (\d+)")]
    private static partial Regex SubmittedLine();
}
