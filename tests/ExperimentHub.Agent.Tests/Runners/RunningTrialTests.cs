using System.Text.Json;
using ExperimentHub.Agent.Runners;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Tests.Runners;

public sealed class RunningTrialTests
{
    private readonly RunningTrial _trial = new(
        new TrialAssignment(7, 1, 7, 1, ["python3", "train.py"], null, new Dictionary<string, JsonElement>(), "token-7", "http://127.0.0.1:1", 0, 0),
        [], maxPendingLogLines: 100, maxLineChars: 2000);

    [Fact]
    public async Task A_flush_waits_for_one_under_way_so_the_end_queued_after_it_follows_every_batch()
    {
        // The flush loop has drained the script's lines and is still queueing them when the trial ends: the trial's
        // last flush and its end must not overtake them (the end's tail replaces the run's log on the server).
        var queued = new List<string>();
        using var loopIsQueueing = new ManualResetEventSlim();
        using var loopMayFinish = new ManualResetEventSlim();
        _trial.OnOutput(7, "line 1");
        _trial.OnOutput(7, "line 2");
        var loopFlush = Task.Run(() => _trial.FlushAsync((_, lines) =>
        {
            queued.Add(lines[0]);
            loopIsQueueing.Set();
            loopMayFinish.Wait();
            queued.AddRange(lines.Skip(1));
        }));
        loopIsQueueing.Wait();
        _trial.OnOutput(7, "line 3");

        var lastFlush = _trial.FlushAsync((_, lines) => queued.AddRange(lines));

        Assert.False(lastFlush.IsCompleted);
        loopMayFinish.Set();
        await lastFlush;
        queued.Add("end");
        await loopFlush;
        Assert.Equal(["line 1", "line 2", "line 3", "end"], queued);
    }

    [Fact]
    public async Task A_flush_hands_over_what_was_buffered_once()
    {
        _trial.OnOutput(7, "hello");
        _trial.OnMetrics(7, [new MetricReportPoint("loss", 1, 0.5, DateTimeOffset.UnixEpoch)]);
        var flushed = new List<(int Points, int Lines)>();

        await _trial.FlushAsync((points, lines) => flushed.Add((points.Count, lines.Count)));
        await _trial.FlushAsync((points, lines) => flushed.Add((points.Count, lines.Count)));

        Assert.Equal([(1, 1), (0, 0)], flushed);
    }
}
