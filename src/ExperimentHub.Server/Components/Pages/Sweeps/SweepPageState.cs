using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>
/// What the sweep page holds, apart from the component that renders it: what it loaded (the sweep, its trials, the
/// <see cref="SweepView"/> the charts draw, parameter importance), what the user chose (brushes, the heatmap's and the
/// Pareto chart's pairs of axes), and the live refresh (the sweep's topic and its active trials' runs). Changes that
/// arrive from elsewhere (an event, importance computed on the thread pool) go through <c>apply</c>, which the page
/// runs on its own thread and follows with a render; unit tests run it inline.
/// </summary>
internal sealed class SweepPageState : IDisposable
{
    /// <summary>
    /// The shortest gap between two live refreshes: each re-reads every trial and reshapes the charts, so a big sweep
    /// whose running trials all report metrics is refreshed once a second rather than at every batch.
    /// </summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    private readonly IDashboardQueries _queries;
    private readonly IDashboardCommands _commands;
    private readonly ImportanceCache _importanceCache;
    private readonly ILogger _logger;
    private readonly Func<Action, Task> _apply;
    private readonly TopicFollower _live;
    private readonly CancellationTokenSource _cts = new();
    private bool _importanceDue;
    private bool _disposed;

    public SweepPageState(
        long sweepId, IDashboardQueries queries, IDashboardCommands commands, ImportanceCache importance, IExperimentEvents events,
        ILogger logger, Func<Action, Task> apply)
    {
        SweepId = sweepId;
        _queries = queries;
        _commands = commands;
        _importanceCache = importance;
        _logger = logger;
        _apply = apply;
        _live = new TopicFollower(events, RefreshAsync, LiveInterval);
    }

    public long SweepId { get; }

    /// <summary>True once the sweep was read: with <see cref="Sweep"/> null, there is no such sweep.</summary>
    public bool Loaded { get; private set; }

    public SweepOverview? Sweep { get; private set; }

    public bool TrialsLoaded { get; private set; }

    public IReadOnlyList<TrialRow> Trials { get; private set; } = [];

    /// <summary>What the charts draw, rebuilt when the trials, the brushes or a picker change; null until shaped.</summary>
    public SweepView? View { get; private set; }

    /// <summary>The trials inside the brushed ranges (all of them before the charts are shaped).</summary>
    public IReadOnlyList<TrialRow> Visible => View?.Visible ?? Trials;

    public IReadOnlyList<AxisBrush> Brushes { get; private set; } = [];

    /// <summary>The runs picked with a box or lasso on a chart; null when nothing is picked.</summary>
    public IReadOnlySet<long>? Picked { get; private set; }

    /// <summary>Counts the times every filter was cleared at once: the parallel coordinates drop their brushes when it changes.</summary>
    public int FilterGeneration { get; private set; }

    // The pickers: the markup binds them and calls Rebuild after a change.
    public string? HeatX { get; set; }

    public string? HeatY { get; set; }

    public string? ParetoX { get; set; }

    public string? ParetoY { get; set; }

    public IReadOnlyList<KeyValuePair<string, double>>? Importance { get; private set; }

    /// <summary>
    /// Importance is on its way (due once the charts went out, or being computed): the page keeps room for its card,
    /// so the heatmap beside it is drawn once at its final width rather than drawn full width and then squeezed.
    /// </summary>
    public bool ImportancePending { get; private set; }

    public string? CommandError { get; private set; }

    /// <summary>What the page listens to: its sweep, and the runs of its trials that may still report.</summary>
    public IReadOnlyCollection<ExperimentTopic> LiveTopics => _live.Topics;

    public IReadOnlyList<string> ParameterNames => Sweep?.Spec?.Space.Parameters.Select(p => p.Name).ToList() ?? [];

    public IReadOnlyList<string> ObjectiveNames => Sweep?.Spec?.Objectives.Select(o => o.Metric).ToList() ?? [];

    public double ProgressPercent => Sweep is { TrialBudget: > 0 } s ? Math.Min(100, 100.0 * s.Counts.Finished / s.TrialBudget) : 0;

    private SweepViewChoices Choices => new(HeatX, HeatY, ParetoX, ParetoY);

    /// <summary>
    /// The first load, in stages: <paramref name="rendered"/> is called once the title and progress can go out (the
    /// trials are read meanwhile), and again once the table can (the charts are shaped meanwhile).
    /// </summary>
    public async Task LoadAsync(Action rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var token = _cts.Token;
        Sweep = await _queries.GetSweepAsync(SweepId, token);
        Loaded = true;
        if (Sweep is not { } sweep)
        {
            return;
        }
        // SQLite's "async" queries complete synchronously, so the trials are read on the thread pool while the title
        // renders, or the render would wait for them.
        var reading = ReadTrialsAsync(sweep, token);
        rendered();
        var trials = await reading;
        Trials = trials;
        TrialsLoaded = true;
        // Listening starts before the table shows, so nothing the user sees can have changed unheard. A refresh that
        // lands while the charts are shaped below wins: Apply rebuilds from the newer trials.
        _live.Follow(TopicsOf(trials));
        // The table goes out in one render batch, the charts in a later one: the browser lays out the rows while the
        // charts are shaped (tens of thousands of numbers on a big sweep) on the thread pool.
        rendered();
        if (sweep.Spec is { } spec)
        {
            var brushes = Brushes;
            var picked = Picked;
            var choices = Choices;
            var sweepId = SweepId;
            var (view, known) = await Task.Run(() =>
            {
                var built = SweepView.Build(trials, spec, brushes, choices, picked: picked);
                return (built, _importanceCache.Find(sweepId, trials, built.Objective));
            }, token);
            // Importance already built for these very trials (an earlier visit) goes out with the other charts, in the
            // same batch: drawn later, it came last and resized the heatmap beside it.
            Importance = known;
            Apply(view);
        }
        // Importance (a forest) starts once the charts are on their way, not while their payloads are built.
        _importanceDue = Importance is null;
        ImportancePending = _importanceDue;
    }

    /// <summary>Called after each render: starts parameter importance once the charts went out.</summary>
    public void AfterRender()
    {
        if (_importanceDue)
        {
            _importanceDue = false;
            _ = ComputeImportanceAsync(Trials);
        }
    }

    /// <summary>Reads the sweep and its trials again and rebuilds the view, keeping the brushes and pickers.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            var sweep = await _queries.GetSweepAsync(SweepId, _cts.Token);
            var (trials, view) = sweep is null ? ([], null) : await LoadTrialsAsync(sweep);
            await _apply(() =>
            {
                Sweep = sweep;
                Trials = trials;
                Apply(view);
            });
            _live.Follow(TopicsOf(trials));
            _ = ComputeImportanceAsync(trials);
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
        catch (ObjectDisposedException)
        {
            // Same: its token is gone.
        }
    }

    /// <summary>Rebuilds what the charts draw after a picker changed.</summary>
    public void Rebuild() => Apply(null);

    /// <summary>New brushes: the parallel coordinates stay (same trials); the table, heatmap and Pareto chart follow.</summary>
    public Task BrushAsync(IReadOnlyList<AxisBrush> brushes)
    {
        ArgumentNullException.ThrowIfNull(brushes);
        Brushes = brushes;
        return RefilterAsync();
    }

    /// <summary>Trials picked with a box or lasso on a chart (null or none: the pick was cleared); the table and every chart follow.</summary>
    public Task PickAsync(IReadOnlySet<long>? runs)
    {
        Picked = runs is { Count: > 0 } ? runs : null;
        return RefilterAsync();
    }

    /// <summary>Drops every brush and pick: the table and the charts show all trials again.</summary>
    public Task ClearFilterAsync()
    {
        Brushes = [];
        Picked = null;
        FilterGeneration++;
        return RefilterAsync();
    }

    /// <summary>The table and charts follow the brushes and picked trials; the parallel coordinates' axes stay (same trials).</summary>
    private async Task RefilterAsync()
    {
        var brushes = Brushes;
        var picked = Picked;
        if (Sweep?.Spec is { } spec && View is { } previous)
        {
            var trials = Trials;
            var choices = Choices;
            try
            {
                Apply(await Task.Run(() => SweepView.Build(trials, spec, brushes, choices, previous, picked), _cts.Token));
            }
            catch (OperationCanceledException)
            {
                // The page closed while the view was built.
            }
        }
        else
        {
            Apply(null);
        }
    }

    public Task PauseAsync() => RunCommandAsync(_commands.PauseSweepAsync(SweepId, _cts.Token));

    public Task ResumeAsync() => RunCommandAsync(_commands.ResumeSweepAsync(SweepId, _cts.Token));

    public Task StopAsync() => RunCommandAsync(_commands.StopSweepAsync(SweepId, _cts.Token));

    private async Task RunCommandAsync(Task<CommandResult<bool>> command)
    {
        var result = await command;
        CommandError = result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Message));
        await RefreshAsync();
    }

    /// <summary>The sweep (trial states, counts, status) and the runs of its active trials (their metrics).</summary>
    private IEnumerable<ExperimentTopic> TopicsOf(IReadOnlyList<TrialRow> trials) =>
        trials.Where(t => TrialStates.IsActive(t.State)).Select(t => ExperimentTopic.Run(t.RunId)).Prepend(ExperimentTopic.Sweep(SweepId));

    /// <summary>The trials on the thread pool, with only the metrics the page shows when the spec names them.</summary>
    private Task<IReadOnlyList<TrialRow>> ReadTrialsAsync(SweepOverview sweep, CancellationToken token) => sweep.Spec is { } spec
        ? Task.Run(() => _queries.GetTrialsAsync(sweep.Id, ShownMetrics(spec), token), token)
        : Task.Run(() => _queries.GetTrialsAsync(sweep.Id, token), token);

    /// <summary>The metrics the page draws or lists: the objectives and the constrained metrics.</summary>
    private static string[] ShownMetrics(SweepSpec spec) =>
        [.. spec.Objectives.Select(o => o.Metric).Concat(spec.Constraints.Select(c => c.Metric)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The trials and what the charts draw from them, on the thread pool: on the page's thread the trials query (and
    /// the chart shaping after it) of a big sweep would hold back its renders.
    /// </summary>
    private Task<(IReadOnlyList<TrialRow> Trials, SweepView? View)> LoadTrialsAsync(SweepOverview sweep)
    {
        var brushes = Brushes;
        var picked = Picked;
        var choices = Choices;
        var previous = View;
        var token = _cts.Token;
        return Task.Run(async () =>
        {
            var trials = await ReadTrialsAsync(sweep, token);
            var view = sweep.Spec is { } spec ? SweepView.Build(trials, spec, brushes, choices, previous, picked) : null;
            return (trials, view);
        }, token);
    }

    /// <summary>
    /// Takes a view built elsewhere, or builds one here when there is none or the brushes or pickers changed while it
    /// was built; then keeps it, with the brushes and pickers it resolved.
    /// </summary>
    private void Apply(SweepView? view)
    {
        if (Sweep?.Spec is not { } spec)
        {
            View = null;
            return;
        }
        var choices = Choices;
        if (view is null || !ReferenceEquals(view.Trials, Trials) || !ReferenceEquals(view.Spec, spec) || !IsBuiltWith(view, choices))
        {
            view = SweepView.Build(Trials, spec, Brushes, choices, View, Picked);
        }
        View = view;
        Brushes = view.Brushes;
        (HeatX, HeatY, ParetoX, ParetoY) = (view.Choices.HeatX, view.Choices.HeatY, view.Choices.ParetoX, view.Choices.ParetoY);
    }

    /// <summary>Whether the view followed the current brushes and every picker that was set when it was built.</summary>
    private bool IsBuiltWith(SweepView view, SweepViewChoices choices) =>
        ReferenceEquals(view.Requested.Brushes, Brushes) && ReferenceEquals(view.Requested.Picked, Picked) && view.Requested.Choices == choices;

    /// <summary>Importance takes a forest to compute: off the render path, drawn when ready.</summary>
    private async Task ComputeImportanceAsync(IReadOnlyList<TrialRow> trials)
    {
        if (Sweep?.Spec is not { } spec || View?.Objective is not { } objective)
        {
            ImportancePending = false;
            return;
        }
        try
        {
            var sweepId = SweepId;
            var importance = await Task.Run(() => _importanceCache.GetOrBuild(sweepId, trials, spec, objective), _cts.Token);
            await _apply(() =>
            {
                if (ReferenceEquals(trials, Trials))
                {
                    Importance = importance;
                }
                ImportancePending = false;
            });
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
        catch (ObjectDisposedException)
        {
            // Same.
        }
#pragma warning disable CA1031 // Importance is an extra: a failure leaves the chart out, not the page broken.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Parameter importance failed for sweep {SweepId}", SweepId);
            // The card's room goes to the heatmap.
            await _apply(() => ImportancePending = false);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _live.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
