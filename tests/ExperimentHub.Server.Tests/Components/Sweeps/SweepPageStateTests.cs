using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Pages.Sweeps;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

/// <summary>The sweep page's state driven without a browser: loading, brushing, pickers, commands and the live refresh.</summary>
public sealed class SweepPageStateTests : IDisposable
{
    private const long SweepId = 7;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SweepSpec _spec = SweepFixtures.Spec();
    private readonly SweepPageQueries _queries = new();
    private readonly SweepPageCommands _commands = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly ExperimentEvents _events;
    private readonly SweepPageState _state;

    public SweepPageStateTests()
    {
        _events = new ExperimentEvents(_clock, NullLogger<ExperimentEvents>.Instance);
        _queries.Sweep = Overview("running");
        _state = new SweepPageState(SweepId, _queries, _commands, new ImportanceCache(), _events, NullLogger.Instance, change =>
        {
            change();
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task The_first_load_renders_the_title_then_the_table_then_the_charts()
    {
        _queries.Trials = SweepFixtures.Trials(40);
        var stages = new List<string>();
        await _state.LoadAsync(() => stages.Add($"sweep={_state.Sweep is not null} trials={_state.TrialsLoaded} charts={_state.View is not null}"));

        Assert.Equal(["sweep=True trials=False charts=False", "sweep=True trials=True charts=False"], stages);
        Assert.True(_state.Loaded);
        Assert.NotNull(_state.View);
        Assert.Same(_queries.Trials, _state.Visible);
        Assert.Equal(("lr", "layers", "accuracy", "inference_ms"), (_state.HeatX, _state.HeatY, _state.ParetoX, _state.ParetoY));
        Assert.Equal(["lr", "layers", "dropout", "optimizer"], _state.ParameterNames);
        Assert.Equal(["accuracy", "inference_ms"], _state.ObjectiveNames);
    }

    [Fact]
    public async Task An_unknown_sweep_is_loaded_as_not_found_and_followed_by_nothing()
    {
        _queries.Sweep = null;
        var renders = 0;
        await _state.LoadAsync(() => renders++);

        Assert.True(_state.Loaded);
        Assert.Null(_state.Sweep);
        Assert.Equal(0, renders);
        Assert.Empty(_state.LiveTopics);
    }

    [Fact]
    public async Task Brushing_and_picked_axes_survive_a_refresh_with_new_trials()
    {
        _queries.Trials = SweepFixtures.Trials(100);
        await _state.LoadAsync(() => { });
        var parcoords = _state.View!.Parcoords;

        await _state.BrushAsync([new AxisBrush(1, [new BrushRange(3, 6)])]);
        Assert.Same(parcoords, _state.View!.Parcoords);
        Assert.All(_state.Visible, t => Assert.InRange((long)t.Parameters["layers"], 3, 6));
        Assert.True(_state.Visible.Count < _state.Trials.Count);

        _state.HeatX = "dropout";
        _state.HeatY = "dropout";
        _state.Rebuild();
        // The same parameter on both axes is refused: the y axis falls back to another one.
        Assert.Equal(("dropout", "lr"), (_state.HeatX, _state.HeatY));

        _queries.Trials = SweepFixtures.Trials(150);
        await _state.RefreshAsync();
        Assert.Equal(151, _state.Trials.Count);
        Assert.NotSame(parcoords, _state.View!.Parcoords);
        Assert.Single(_state.Brushes);
        Assert.Equal(("dropout", "lr"), (_state.HeatX, _state.HeatY));
        Assert.Equal(_state.Trials.Where(t => (long)t.Parameters["layers"] is >= 3 and <= 6), _state.Visible);
    }

    [Fact]
    public async Task Live_topics_are_the_sweep_and_the_runs_of_its_active_trials()
    {
        _queries.Trials = WithStates(SweepFixtures.Trials(10), (3, "running"), (4, "leased"), (5, "pending"));
        await _state.LoadAsync(() => { });
        Assert.Equal(
            new[] { ExperimentTopic.Sweep(SweepId), ExperimentTopic.Run(1003), ExperimentTopic.Run(1004), ExperimentTopic.Run(1005) }.ToHashSet(),
            _state.LiveTopics.ToHashSet());

        _queries.Trials = SweepFixtures.Trials(10);
        await _state.RefreshAsync();
        Assert.Equal([ExperimentTopic.Sweep(SweepId)], _state.LiveTopics);
    }

    [Fact]
    public async Task A_trial_ending_elsewhere_reaches_the_page_through_the_sweep_topic_without_polling()
    {
        _queries.Trials = WithStates(SweepFixtures.Trials(10), (3, "running"));
        await _state.LoadAsync(() => { });
        Assert.Equal(1, _queries.Reads);

        _queries.Trials = SweepFixtures.Trials(10);
        _events.Publish(ExperimentTopic.Sweep(SweepId));
        await Eventually.TrueAsync(() => _state.Trials.All(t => t.State != "running"), "the page to show the trial ended");
        Assert.Equal(2, _queries.Reads);
    }

    [Fact]
    public async Task Metric_points_of_a_running_trial_refresh_the_page_at_most_once_per_interval()
    {
        var running = WithStates(SweepFixtures.Trials(10), (3, "running"));
        _queries.Trials = running;
        await _state.LoadAsync(() => { });

        _queries.Trials = WithMetric(running, 1003, "accuracy", 0.99);
        _events.Publish(ExperimentTopic.Run(1003));
        await Eventually.TrueAsync(() => Accuracy(1003) == 0.99, "the first batch to refresh the page");
        Assert.Equal(2, _queries.Reads);

        // A second batch within the interval waits for it (the clock is the test's): then it refreshes once.
        _queries.Trials = WithMetric(running, 1003, "accuracy", 0.42);
        _events.Publish(ExperimentTopic.Run(1003));
        _events.Publish(ExperimentTopic.Run(1003));
        Assert.Equal(2, _queries.Reads);
        Assert.Equal(0.99, Accuracy(1003));
        await Eventually.TrueAsync(() =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            return Accuracy(1003) == 0.42;
        }, "the second batch to refresh the page once the interval passed");
        Assert.Equal(3, _queries.Reads);
        Assert.True(_clock.GetUtcNow() - Start >= SweepPageState.LiveInterval, "refreshed before the interval passed");
    }

    [Fact]
    public async Task A_refused_command_shows_its_reason_and_the_page_reloads()
    {
        _queries.Trials = SweepFixtures.Trials(5);
        await _state.LoadAsync(() => { });

        _commands.Answer = CommandResults.Fail<bool>("status", "sweep 7 is completed; only a paused sweep can be resumed");
        _queries.Sweep = Overview("completed");
        await _state.ResumeAsync();

        Assert.Equal(["resume 7"], _commands.Sent);
        Assert.Equal("sweep 7 is completed; only a paused sweep can be resumed", _state.CommandError);
        Assert.Equal("completed", _state.Sweep!.Status);

        _commands.Answer = CommandResults.Ok(true);
        await _state.StopAsync();
        Assert.Null(_state.CommandError);
        Assert.Equal(["resume 7", "stop 7"], _commands.Sent);
    }

    [Fact]
    public async Task Importance_is_computed_after_the_charts_rendered()
    {
        _queries.Trials = SweepFixtures.Trials(60);
        await _state.LoadAsync(() => { });
        Assert.Null(_state.Importance);
        // The charts go out with room kept for importance, so the heatmap beside it is not drawn full width first.
        Assert.True(_state.ImportancePending);

        _state.AfterRender();
        await Eventually.TrueAsync(() => _state.Importance is not null, "parameter importance");
        Assert.False(_state.ImportancePending);
        Assert.NotEmpty(_state.Importance!);
        Assert.All(_state.Importance!, share => Assert.Contains(share.Key, _state.ParameterNames));
    }

    [Fact]
    public async Task Importance_built_for_the_same_trials_before_comes_with_the_charts_and_new_trials_wait_for_a_new_forest()
    {
        var cache = new ImportanceCache();
        SweepPageState Open() => new(SweepId, _queries, _commands, cache, _events, NullLogger.Instance, change =>
        {
            change();
            return Task.CompletedTask;
        });
        _queries.Trials = SweepFixtures.Trials(60);
        using (var first = Open())
        {
            await first.LoadAsync(() => { });
            first.AfterRender();
            await Eventually.TrueAsync(() => first.Importance is not null, "parameter importance");
        }

        using var again = Open();
        await again.LoadAsync(() => { });
        Assert.NotNull(again.View);
        Assert.Equal(cache.Find(SweepId, _queries.Trials, again.View!.Objective), again.Importance);

        _queries.Trials = WithMetric(SweepFixtures.Trials(60), SweepFixtures.Trials(60)[0].RunId, "accuracy", 0.123);
        using var changed = Open();
        await changed.LoadAsync(() => { });
        Assert.Null(changed.Importance);
    }

    [Fact]
    public async Task A_closed_page_stops_listening()
    {
        _queries.Trials = WithStates(SweepFixtures.Trials(5), (2, "running"));
        await _state.LoadAsync(() => { });
        Assert.Equal(1, _events.SubscriberCount(ExperimentTopic.Sweep(SweepId)));
        Assert.Equal(1, _events.SubscriberCount(ExperimentTopic.Run(1002)));

        _state.Dispose();
        Assert.Equal(0, _events.SubscriberCount(ExperimentTopic.Sweep(SweepId)));
        Assert.Equal(0, _events.SubscriberCount(ExperimentTopic.Run(1002)));
    }

    private double? Accuracy(long runId) =>
        _state.Trials.Single(t => t.RunId == runId).Metrics.TryGetValue("accuracy", out var value) ? value : null;

    private SweepOverview Overview(string status) =>
        new(SweepId, "p", "fixture", status, null, "name: fixture", _spec, 500, new TrialCounts(0, 1, 10, 1, 0, 0), Start, Start, null);

    private static List<TrialRow> WithStates(List<TrialRow> trials, params (int Number, string State)[] states) =>
        [.. trials.Select(t => states.FirstOrDefault(s => s.Number == t.Number) is { State: { } state }
            ? t with { State = state, Metrics = new Dictionary<string, double>(), FinishedAt = null }
            : t)];

    private static List<TrialRow> WithMetric(List<TrialRow> trials, long runId, string metric, double value) =>
        [.. trials.Select(t => t.RunId == runId ? t with { Metrics = new Dictionary<string, double> { [metric] = value } } : t)];

    public void Dispose() => _state.Dispose();
}
