using System.ComponentModel;
using System.Diagnostics;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Trials;

/// <summary>
/// One trial's child process: started from an argument list with no shell, in its own session and process group
/// (through setsid) so that a stop reaches every process it spawned; its standard output and error are read line
/// by line into a bounded tail, metric lines are parsed, and the end is classified (completed, failed, stopped,
/// timed out). A stop sends SIGTERM to the group, then SIGKILL after the grace period.
/// </summary>
public sealed class TrialProcess : IAsyncDisposable
{
    private const int NotStopped = -1;

    /// <summary>Lines of standard error that become a failed trial's reason: a traceback's end, a "can't open file".</summary>
    internal const int ErrorReasonLines = 10;
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly TrialProcessStartInfo _info;
    private readonly ITrialOutputObserver _observer;
    private readonly LogTail _tail;
    private readonly LogTail _errorTail = new(ErrorReasonLines, maxLineChars: 400);
    private readonly bool _ownGroup;
    private readonly Dictionary<string, long> _nextStep = new(StringComparer.Ordinal);
    private readonly Lock _stepLock = new();
    private readonly CancellationTokenSource _timeout = new();
    private int _stopOutcome = NotStopped;
    private string? _stopReason;

    private TrialProcess(Process process, TrialProcessStartInfo info, ITrialOutputObserver observer, bool ownGroup)
    {
        _process = process;
        _info = info;
        _observer = observer;
        _ownGroup = ownGroup;
        _tail = new LogTail(info.LogTailLines);
        Pid = process.Id;
    }

    public long RunId => _info.RunId;

    public int Pid { get; }

    /// <summary>Completes when the process has exited and its output is read.</summary>
    public Task<TrialResult> Completion { get; private set; } = null!;

    /// <summary>Starts the process.</summary>
    /// <exception cref="TrialSetupException">The folder or the program does not exist, or the program cannot run.</exception>
    public static TrialProcess Start(TrialProcessStartInfo info, ITrialOutputObserver observer)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(observer);
        if (!Directory.Exists(info.WorkingDirectory))
        {
            throw new TrialSetupException($"The trial's working folder '{info.WorkingDirectory}' does not exist.");
        }
        var program = ResolveProgram(info.Arguments[0], info.WorkingDirectory, info.Environment);
        var setsid = ProcessSignals.SetsidPath;
        var start = new ProcessStartInfo
        {
            FileName = setsid ?? program,
            WorkingDirectory = info.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (setsid is not null)
        {
            // setsid execs the program in place (same pid) in a new session: pid == process group id.
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }
        foreach (var argument in info.Arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in info.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new TrialSetupException($"Cannot start '{program}': {e.Message}", e);
        }
        // Nothing is ever typed to a trial; a closed input makes a script that reads it see the end at once.
        process.StandardInput.Close();
        var trial = new TrialProcess(process, info, observer, setsid is not null);
        trial.Completion = trial.RunAsync();
        return trial;
    }

    /// <summary>Stops the trial's process group (SIGTERM, then SIGKILL after the grace period); the first stop's outcome wins.</summary>
    public void Stop(string reason, bool timedOut = false)
    {
        var outcome = timedOut ? TrialOutcome.TimedOut : TrialOutcome.Stopped;
        if (Interlocked.CompareExchange(ref _stopOutcome, (int)outcome, NotStopped) != NotStopped)
        {
            return;
        }
        _stopReason = reason;
        _ = Task.Run(TerminateAsync);
    }

    /// <summary>Stops the trial if it still runs and waits for its end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            Stop("the agent is shutting down");
        }
        await Completion;
        _process.Dispose();
        _timeout.Dispose();
    }

    private static string ResolveProgram(string program, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(program, workingDirectory);
            return File.Exists(path)
                ? path
                : throw new TrialSetupException($"The program '{program}' does not exist (looked for {path}).");
        }
        var searchPath = environment.TryGetValue("PATH", out var overridden) && overridden is not null
            ? overridden
            : Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new TrialSetupException($"The program '{program}' was not found on the PATH ({searchPath}).");
    }

    private async Task<TrialResult> RunAsync()
    {
        var timeoutRegistration = default(CancellationTokenRegistration);
        if (_info.Timeout is { } timeout && timeout > TimeSpan.Zero)
        {
            timeoutRegistration = _timeout.Token.Register(() => Stop($"it ran past its timeout of {timeout.TotalSeconds:0.###} s", timedOut: true));
            _timeout.CancelAfter(timeout);
        }
        var stdout = Task.Run(() => ReadAsync(_process.StandardOutput, errorTail: null));
        var stderr = Task.Run(() => ReadAsync(_process.StandardError, _errorTail));
        await _process.WaitForExitAsync();
        await timeoutRegistration.DisposeAsync();
        // Children left behind by the trial die with it; their open pipes would otherwise hold the readers.
        if (_ownGroup)
        {
            ProcessSignals.SignalGroup(Pid, ProcessSignals.SigKill);
        }
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(OutputDrainTimeout);
        }
        catch (TimeoutException)
        {
            _tail.Add("[agent] the trial's output stayed open after it exited; stopped reading it");
        }
        var exitCode = _process.ExitCode;
        var stopped = Volatile.Read(ref _stopOutcome);
        if (stopped != NotStopped)
        {
            return new TrialResult((TrialOutcome)stopped, exitCode, $"Stopped: {_stopReason}.", _tail.ToString());
        }
        if (exitCode == 0)
        {
            return new TrialResult(TrialOutcome.Completed, 0, null, _tail.ToString());
        }
        // .NET reports death by signal N as exit code 128 + N.
        var exited = exitCode > 128 && exitCode < 128 + 65
            ? $"The process exited with code {exitCode} (killed by signal {exitCode - 128})."
            : $"The process exited with code {exitCode}.";
        // What the program said last on standard error is the cause people look for (a traceback's last line,
        // "can't open file", "No module named"); the exit code alone says nothing.
        var said = _errorTail.ToString().TrimEnd();
        return new TrialResult(TrialOutcome.Failed, exitCode, said.Length > 0 ? said : exited, _tail.ToString());
    }

    private async Task TerminateAsync()
    {
        Signal(ProcessSignals.SigTerm);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(_info.StopGracePeriod);
        }
        catch (TimeoutException)
        {
            Signal(ProcessSignals.SigKill);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Signal(int signal)
    {
        if (_ownGroup)
        {
            ProcessSignals.SignalGroup(Pid, signal);
            return;
        }
        // Without setsid (Windows, minimal images): the tree by force, or the process alone politely.
        try
        {
            if (signal == ProcessSignals.SigKill || OperatingSystem.IsWindows())
            {
                _process.Kill(entireProcessTree: true);
            }
            else
            {
                ProcessSignals.Signal(Pid, signal);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private async Task ReadAsync(StreamReader reader, LogTail? errorTail)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _tail.Add(line);
            errorTail?.Add(line);
            _observer.OnOutput(RunId, line);
            if (MetricLineParser.Parse(line) is { } metrics)
            {
                ReportMetrics(metrics);
            }
        }
    }

    private void ReportMetrics(MetricLine line)
    {
        foreach (var problem in line.Problems)
        {
            var note = $"[agent] ignored part of a metric line: {problem}";
            _tail.Add(note);
            _observer.OnOutput(RunId, note);
        }
        if (line.Values.Count == 0)
        {
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var points = new List<MetricReportPoint>(line.Values.Count);
        lock (_stepLock)
        {
            foreach (var (key, value) in line.Values)
            {
                // A line without a step continues the key's own count, so each point has a stable (key, step).
                var step = line.Step ?? _nextStep.GetValueOrDefault(key);
                _nextStep[key] = Math.Max(_nextStep.GetValueOrDefault(key), step + 1);
                points.Add(new MetricReportPoint(key, step, value, now));
            }
        }
        _observer.OnMetrics(RunId, points);
    }
}
