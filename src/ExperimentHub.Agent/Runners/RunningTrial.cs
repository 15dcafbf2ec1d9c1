using ExperimentHub.Agent.Trials;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Runners;

/// <summary>A trial this agent runs: its process, its GPUs, and the metrics and log lines not yet sent.</summary>
internal sealed class RunningTrial(TrialAssignment assignment, IReadOnlyList<int> gpuIndices, int maxPendingLogLines, int maxLineChars) : ITrialOutputObserver
{
    private readonly Lock _lock = new();
    private Task _lastFlush = Task.CompletedTask;
    private List<MetricReportPoint> _points = [];
    private List<string> _lines = [];
    private int _droppedLines;

    public TrialAssignment Assignment { get; } = assignment;

    public long RunId => Assignment.RunId;

    public IReadOnlyList<int> GpuIndices { get; } = gpuIndices;

    public TrialProcess? Process { get; set; }

    /// <summary>The server did not let the agent keep this trial after a reconnect: it is stopped and its end is not reported.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Cancelled when the trial is stopped before its process started (while its code is made ready or its model folder is busy).</summary>
    public CancellationTokenSource BeforeStart { get; } = new();

    /// <summary>Why the trial was stopped before its process started; null when it was not.</summary>
    public string? StoppedBeforeStart { get; private set; }

    /// <summary>Stops the trial: its process, or the wait before it.</summary>
    public void Stop(string reason)
    {
        if (Process is { } process)
        {
            process.Stop(reason);
            return;
        }
        StoppedBeforeStart ??= reason;
        BeforeStart.Cancel();
    }

    public void OnOutput(long runId, string line)
    {
        var kept = line.Length > maxLineChars ? string.Concat(line.AsSpan(0, maxLineChars), "…") : line;
        lock (_lock)
        {
            _lines.Add(kept);
            if (_lines.Count > maxPendingLogLines)
            {
                // The server is unreachable or the script floods: keep the newest lines, count the rest.
                var excess = _lines.Count - maxPendingLogLines;
                _lines.RemoveRange(0, excess);
                _droppedLines += excess;
            }
        }
    }

    public void OnMetrics(long runId, IReadOnlyList<MetricReportPoint> points)
    {
        lock (_lock)
        {
            _points.AddRange(points);
        }
    }

    /// <summary>
    /// Takes everything buffered so far and hands it to <paramref name="post"/>, one flush at a time: the flush loop and
    /// the trial's last flush both drain, so a flush waits for one under way to hand over all it took. Whatever its
    /// caller queues next (the trial's end) then goes out after every batch drained before it.
    /// </summary>
    public async Task FlushAsync(Action<List<MetricReportPoint>, List<string>> post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (_lock)
        {
            previous = _lastFlush;
            _lastFlush = done.Task;
        }
        try
        {
            await previous;
            var (points, lines) = Drain();
            post(points, lines);
        }
        finally
        {
            done.SetResult();
        }
    }

    private (List<MetricReportPoint> Points, List<string> Lines) Drain()
    {
        lock (_lock)
        {
            var points = _points;
            var lines = _lines;
            _points = [];
            _lines = [];
            if (_droppedLines > 0)
            {
                lines.Insert(0, $"[agent] {_droppedLines} log lines were dropped while they could not be sent");
                _droppedLines = 0;
            }
            return (points, lines);
        }
    }
}
