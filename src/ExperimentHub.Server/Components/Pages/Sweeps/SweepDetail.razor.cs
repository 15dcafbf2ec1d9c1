using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

public sealed partial class SweepDetail : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private SweepOverview? _sweep;
    private bool _loaded;
    private bool _trialsLoaded;
    private bool _chartsReady;
    private IReadOnlyList<TrialRow> _trials = [];
    private IReadOnlyList<AxisBrush> _brushes = [];
    private IReadOnlySet<long>? _picked;
    private int _filterGeneration;
    private IDisposable? _subscription;
    private ITimer? _poll;
    private string? _commandError;

    private IReadOnlyList<KeyValuePair<string, double>>? _importance;
    private string? _heatX;
    private string? _heatY;
    private string? _paretoX;
    private string? _paretoY;

    [Parameter] public long SweepId { get; set; }

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IDashboardCommands Commands { get; set; } = default!;

    [Inject] private ImportanceCache Importance { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private DialogService Dialogs { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private ILogger<SweepDetail> Logger { get; set; } = default!;

    // What the charts draw, rebuilt when the trials, the brushing or a picker changes; null until the trials are shaped.
    private SweepView? _view;
    private bool _importanceAfterRender;

    /// <summary>The trials inside the brushed ranges (all of them before the charts are shaped).</summary>
    private IReadOnlyList<TrialRow> Visible => _view?.Visible ?? _trials;

    private SweepViewChoices Choices => new(_heatX, _heatY, _paretoX, _paretoY);

    /// <summary>A bar per parameter: tall enough for each name, never cramped.</summary>
    private string ImportanceHeight => $"{Math.Clamp(60 + 32 * (_importance?.Count ?? 0), 200, 420)}px";

    private IReadOnlyList<string> ParameterNames => _sweep?.Spec?.Space.Parameters.Select(p => p.Name).ToList() ?? [];

    private IReadOnlyList<string> ObjectiveNames => _sweep?.Spec?.Objectives.Select(o => o.Metric).ToList() ?? [];

    private double ProgressPercent => _sweep is { TrialBudget: > 0 } s ? Math.Min(100, 100.0 * s.Counts.Finished / s.TrialBudget) : 0;

    private string BudgetMinutes => _sweep?.Spec?.Budget.Minutes is { } minutes
        ? $" · {Display.Duration(_sweep.StartedAt ?? _sweep.CreatedAt, _sweep.FinishedAt, Time.GetUtcNow())} of {minutes:0.#} min"
        : "";

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _poll?.Dispose();
        _trialsLoaded = false;
        _chartsReady = false;
        // Another sweep: its charts are new, with nothing brushed.
        _view = null;
        _brushes = [];
        _picked = null;
        var token = _cts.Token;
        _sweep = await Queries.GetSweepAsync(SweepId, token);
        _loaded = true;
        if (_sweep is not { } sweep)
        {
            return;
        }
        // Title and progress go out first, with a loading mark where the trials go. SQLite's "async" queries
        // complete synchronously, so the trials are read on the thread pool while that renders, or the render
        // would wait for them.
        var reading = ReadTrialsAsync(sweep, token);
        StateHasChanged();
        var trials = await reading;
        _trials = trials;
        _trialsLoaded = true;
        // The table goes out in one render batch, the charts in a later one: the browser lays out the rows while
        // the charts are shaped (tens of thousands of numbers on a big sweep) on the thread pool.
        StateHasChanged();
        if (sweep.Spec is { } spec)
        {
            var brushes = _brushes;
            var picked = _picked;
            var choices = Choices;
            Apply(await Task.Run(() => SweepView.Build(trials, spec, brushes, choices, picked: picked), token));
        }
        _chartsReady = true;
        // Importance (a forest) starts once the charts are on their way, not while their payloads are built.
        _importanceAfterRender = true;
        _subscription = Events.Subscribe(ExperimentTopic.Sweep(SweepId), RefreshAsync);
        // Trial ends are published; metric points of running trials are not, so a live sweep also polls gently.
        _poll = Time.CreateTimer(_ => _ = PollAsync(), null, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (_importanceAfterRender && _chartsReady)
        {
            _importanceAfterRender = false;
            _ = ComputeImportanceAsync(_trials);
        }
    }

    /// <summary>Reads the sweep and its trials again (after a command), and rebuilds what the charts draw.</summary>
    private async Task LoadAsync()
    {
        var sweep = await Queries.GetSweepAsync(SweepId, _cts.Token);
        var (trials, view) = sweep is null ? ([], null) : await LoadTrialsAsync(sweep);
        _sweep = sweep;
        _trials = trials;
        Apply(view);
        _ = ComputeImportanceAsync(trials);
    }

    /// <summary>The trials on the thread pool, with only the metrics the page shows when the spec names them.</summary>
    private Task<IReadOnlyList<TrialRow>> ReadTrialsAsync(SweepOverview sweep, CancellationToken token) => sweep.Spec is { } spec
        ? Task.Run(() => Queries.GetTrialsAsync(sweep.Id, ShownMetrics(spec), token), token)
        : Task.Run(() => Queries.GetTrialsAsync(sweep.Id, token), token);

    /// <summary>The metrics the page draws or lists: the objectives and the constrained metrics.</summary>
    private static string[] ShownMetrics(SweepSpec spec) =>
        [.. spec.Objectives.Select(o => o.Metric).Concat(spec.Constraints.Select(c => c.Metric)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The trials and what the charts draw from them, on the thread pool: SQLite's "async" queries complete
    /// synchronously, so on the circuit's thread the trials query (and the chart shaping after it) of a big sweep
    /// would hold back the render of the title and progress.
    /// </summary>
    private Task<(IReadOnlyList<TrialRow> Trials, SweepView? View)> LoadTrialsAsync(SweepOverview sweep)
    {
        var brushes = _brushes;
        var picked = _picked;
        var choices = Choices;
        var previous = _view;
        var token = _cts.Token;
        return Task.Run(async () =>
        {
            var trials = await ReadTrialsAsync(sweep, token);
            var view = sweep.Spec is { } spec ? SweepView.Build(trials, spec, brushes, choices, previous, picked) : null;
            return (trials, view);
        }, token);
    }

    /// <summary>Importance takes a forest to compute: off the render path, drawn when ready.</summary>
    private async Task ComputeImportanceAsync(IReadOnlyList<TrialRow> trials)
    {
        if (_sweep?.Spec is not { } spec || _view?.Objective is not { } objective)
        {
            return;
        }
        try
        {
            var sweepId = SweepId;
            var importance = await Task.Run(() => Importance.GetOrBuild(sweepId, trials, spec, objective), _cts.Token);
            await InvokeAsync(() =>
            {
                if (ReferenceEquals(trials, _trials))
                {
                    _importance = importance;
                    StateHasChanged();
                }
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
            Logger.LogWarning(ex, "Parameter importance failed for sweep {SweepId}", SweepId);
        }
    }

    private async Task PollAsync()
    {
        if (_sweep is { IsLive: true })
        {
            await RefreshAsync();
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var sweep = await Queries.GetSweepAsync(SweepId, _cts.Token);
            var (trials, view) = sweep is null ? ([], null) : await LoadTrialsAsync(sweep);
            await InvokeAsync(() =>
            {
                _sweep = sweep;
                _trials = trials;
                Apply(view);
                StateHasChanged();
            });
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

    /// <summary>Rebuilds what the charts draw after a picker changed (the markup's @bind-Value:after).</summary>
    private void Rebuild() => Apply(null);

    /// <summary>
    /// Takes a view built elsewhere, or builds one here when there is none or the brushes or pickers changed while it
    /// was built; then keeps it for the markup, with the brushes and pickers it resolved.
    /// </summary>
    private void Apply(SweepView? view)
    {
        if (_sweep?.Spec is not { } spec)
        {
            _view = null;
            return;
        }
        var choices = Choices;
        if (view is null || !ReferenceEquals(view.Trials, _trials) || !ReferenceEquals(view.Spec, spec) || !IsBuiltWith(view, choices))
        {
            view = SweepView.Build(_trials, spec, _brushes, choices, _view, _picked);
        }
        _view = view;
        _brushes = view.Brushes;
        (_heatX, _heatY, _paretoX, _paretoY) = (view.Choices.HeatX, view.Choices.HeatY, view.Choices.ParetoX, view.Choices.ParetoY);
    }

    /// <summary>Whether the view followed the current brushes and every picker that was set when it was built.</summary>
    private bool IsBuiltWith(SweepView view, SweepViewChoices choices) =>
        ReferenceEquals(view.Requested.Brushes, _brushes) && ReferenceEquals(view.Requested.Picked, _picked) && view.Requested.Choices == choices;

    private Task OnBrushAsync(IReadOnlyList<AxisBrush> brushes)
    {
        _brushes = brushes;
        return RefilterAsync();
    }

    /// <summary>Trials picked with a box or lasso on a chart (null: the pick was cleared).</summary>
    private Task OnPickAsync(IReadOnlySet<long>? runs)
    {
        _picked = runs is { Count: > 0 } ? runs : null;
        return RefilterAsync();
    }

    /// <summary>Drops every brush and pick: the table and the charts show all trials again.</summary>
    private Task ClearFilterAsync()
    {
        _brushes = [];
        _picked = null;
        _filterGeneration++;
        return RefilterAsync();
    }

    /// <summary>The table and charts follow the brushes and picked trials; the parallel coordinates' axes stay (same trials).</summary>
    private async Task RefilterAsync()
    {
        var brushes = _brushes;
        var picked = _picked;
        if (_sweep?.Spec is { } spec && _view is { } previous)
        {
            var trials = _trials;
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

    private void OpenRun(long runId) => Navigation.NavigateTo($"runs/{runId}");

    private Task PauseAsync() => RunCommandAsync(Commands.PauseSweepAsync(SweepId, _cts.Token));

    private Task ResumeAsync() => RunCommandAsync(Commands.ResumeSweepAsync(SweepId, _cts.Token));

    private async Task StopAsync()
    {
        var confirmed = await Dialogs.Confirm(
            "Stop this sweep? Running trials are stopped and no new ones start. Finished trials are kept.",
            "Stop sweep", new ConfirmOptions { OkButtonText = "Stop sweep", CancelButtonText = "Keep running" });
        if (confirmed == true)
        {
            await RunCommandAsync(Commands.StopSweepAsync(SweepId, _cts.Token));
        }
    }

    private async Task RunCommandAsync(Task<CommandResult<bool>> command)
    {
        var result = await command;
        _commandError = result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Message));
        await LoadAsync();
    }

    public void Dispose()
    {
        _poll?.Dispose();
        _subscription?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
