using System.Text.Json;
using ExperimentHub.Testing;
using ExperimentHub.Agent.Trials;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Tests.Trials;

public sealed class TrialProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ehub-trial-").FullName;
    private readonly RecordingObserver _observer = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_script_that_exits_zero_completes_with_its_output()
    {
        await using var trial = Start(["python3", "-c", "import sys; print('hello'); print('oops', file=sys.stderr)"]);

        var result = await Eventually.ResultAsync(trial.Completion, "the trial to end");

        Assert.Equal(TrialOutcome.Completed, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.Null(result.Error);
        Assert.Contains("hello\n", result.LogTail, StringComparison.Ordinal);
        Assert.Contains("oops\n", result.LogTail, StringComparison.Ordinal);
        Assert.Contains("hello", _observer.Lines);
    }

    [Fact]
    public async Task Metric_lines_become_points_with_steps_counted_per_key()
    {
        const string script = """
            print("EXPERIMENTHUB step=3 loss=0.5 acc=0.75")
            print("EXPERIMENTHUB loss=nan")
            print("EXPERIMENTHUB acc=inf gap=-inf")
            print("EXPERIMENTHUB loss=oops")
            """;
        await using var trial = Start(["python3", "-c", script]);

        await Eventually.ResultAsync(trial.Completion, "the trial to end");

        var points = _observer.Points.ToList();
        Assert.Equal(5, points.Count);
        Assert.Contains(points, p => p is { Key: "loss", Step: 3, Value: 0.5 });
        Assert.Contains(points, p => p is { Key: "acc", Step: 3, Value: 0.75 });
        Assert.Contains(points, p => p.Key == "loss" && p.Step == 4 && double.IsNaN(p.Value));
        Assert.Contains(points, p => p is { Key: "acc", Step: 4, Value: double.PositiveInfinity });
        Assert.Contains(points, p => p is { Key: "gap", Step: 0, Value: double.NegativeInfinity });
        Assert.Contains(_observer.Lines, l => l.Contains("'oops' (for loss) is not a number", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_crashing_script_fails_with_its_exit_code_and_log_tail()
    {
        await using var trial = Start(["python3", "-c", "print('step one'); raise SystemExit('diverged: loss is nan')"]);

        var result = await Eventually.ResultAsync(trial.Completion, "the trial to end");

        Assert.Equal(TrialOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("diverged: loss is nan", result.Error);
        Assert.Contains("diverged: loss is nan", result.LogTail, StringComparison.Ordinal);
        Assert.Contains("step one", result.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_that_cannot_start_fails_with_what_python_said_not_just_its_exit_code()
    {
        await using var trial = Start(["python3", "train.py"]);

        var result = await Eventually.ResultAsync(trial.Completion, "the trial to end");

        Assert.Equal(TrialOutcome.Failed, result.Outcome);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("can't open file", result.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "train.py"), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_trials_reason_is_the_end_of_its_error_output_without_its_standard_output()
    {
        const string script = """
            import sys
            print("epoch 1 of 3")
            for i in range(30): print("warning line %d" % i, file=sys.stderr)
            import no_such_module_anywhere
            """;
        await using var trial = Start(["python3", "-c", script]);

        var result = await Eventually.ResultAsync(trial.Completion, "the trial to end");

        var lines = result.Error!.Split('\n');
        Assert.Equal(TrialProcess.ErrorReasonLines, lines.Length);
        Assert.Equal("ModuleNotFoundError: No module named 'no_such_module_anywhere'", lines[^1]);
        Assert.DoesNotContain("epoch 1 of 3", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning line 0\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_trial_that_wrote_no_error_output_names_its_exit_code()
    {
        await using var trial = Start(["python3", "-c", "import sys; print('quietly'); sys.exit(3)"]);

        var result = await Eventually.ResultAsync(trial.Completion, "the trial to end");

        Assert.Equal("The process exited with code 3.", result.Error);
    }

    [Fact]
    public async Task Arguments_reach_the_program_untouched_by_any_shell()
    {
        await using var trial = Start(["python3", "-c", "import sys, json; print(json.dumps(sys.argv[1:]))", "$(echo hacked)", "a b", "*", "; exit 3"]);

        var result = await Eventually.ResultAsync(trial.Completion, "the trial to end");

        Assert.Equal(TrialOutcome.Completed, result.Outcome);
        Assert.Equal(["$(echo hacked)", "a b", "*", "; exit 3"], JsonSerializer.Deserialize<string[]>(_observer.Lines.First())!);
    }

    [Fact]
    public async Task Stop_ends_the_whole_process_tree()
    {
        var childPidFile = Path.Combine(_dir, "child.pid");
        // A shell script here is the trial's own program (no shell runs the agent's command).
        await using var trial = Start(["sh", "-c", $"sleep 1000 & echo $! > {childPidFile}; echo started; wait"]);
        await Eventually.TrueAsync(() => _observer.Lines.Contains("started"), "the script has started its child");
        var childPid = int.Parse(File.ReadAllText(childPidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists($"/proc/{childPid}"));

        trial.Stop("early stopping");
        var result = await Eventually.ResultAsync(trial.Completion, "the stopped trial to end");

        Assert.Equal(TrialOutcome.Stopped, result.Outcome);
        Assert.Contains("early stopping", result.Error, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => !IsAlive(childPid), "the trial's child process is gone");
    }

    [Fact]
    public async Task A_trial_that_ignores_sigterm_is_killed_after_the_grace_period()
    {
        const string script = """
            import signal, time
            signal.signal(signal.SIGTERM, lambda *a: print("ignoring SIGTERM", flush=True))
            print("ready", flush=True)
            while True: time.sleep(0.05)
            """;
        await using var trial = Start(["python3", "-c", script], grace: TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => _observer.Lines.Contains("ready"), "the script is ready");

        trial.Stop("user stop");
        var result = await Eventually.ResultAsync(trial.Completion, "the killed trial to end");

        Assert.Equal(TrialOutcome.Stopped, result.Outcome);
        Assert.Equal(137, result.ExitCode);
        Assert.Contains("ignoring SIGTERM", result.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trial_past_its_timeout_is_stopped_as_timed_out()
    {
        await using var trial = Start(["python3", "-c", "import time; print('working', flush=True); time.sleep(1000)"], timeout: TimeSpan.FromMilliseconds(1500));

        var result = await Eventually.ResultAsync(trial.Completion, "the timed-out trial to end");

        Assert.Equal(TrialOutcome.TimedOut, result.Outcome);
        Assert.Contains("ran past its timeout of 1.5 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_program_is_a_clear_setup_error()
    {
        var error = Assert.Throws<TrialSetupException>(() => Start(["no-such-program-ehub", "x"]));
        Assert.Contains("'no-such-program-ehub' was not found on the PATH", error.Message, StringComparison.Ordinal);

        var relative = Assert.Throws<TrialSetupException>(() => Start(["./missing.sh"]));
        Assert.Contains("does not exist", relative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_working_folder_is_a_clear_setup_error()
    {
        var info = new TrialProcessStartInfo { RunId = 1, Arguments = ["python3"], WorkingDirectory = Path.Combine(_dir, "nope") };

        var error = Assert.Throws<TrialSetupException>(() => TrialProcess.Start(info, _observer));

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_tail_keeps_only_the_last_lines()
    {
        await using var trial = TrialProcess.Start(
            new TrialProcessStartInfo { RunId = 1, Arguments = ["python3", "-c", "for i in range(1000): print('line', i)"], WorkingDirectory = _dir, LogTailLines = 10 },
            _observer);

        var result = await Eventually.ResultAsync(trial.Completion, "the trial to end");

        var lines = result.LogTail.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.Equal("line 999", lines[^1]);
        Assert.Equal(1000, _observer.Lines.Count);
    }

    private TrialProcess Start(IReadOnlyList<string> arguments, TimeSpan? grace = null, TimeSpan? timeout = null) =>
        TrialProcess.Start(
            new TrialProcessStartInfo
            {
                RunId = 1,
                Arguments = arguments,
                WorkingDirectory = _dir,
                StopGracePeriod = grace ?? TimeSpan.FromSeconds(5),
                Timeout = timeout,
            },
            _observer);

    private static bool IsAlive(int pid)
    {
        // A zombie still has a /proc entry; only a live process has a state other than Z.
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && !File.ReadAllText(stat).Split(' ')[2].StartsWith('Z');
    }
}
