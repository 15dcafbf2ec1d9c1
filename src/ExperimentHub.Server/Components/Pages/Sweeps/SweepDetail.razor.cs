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
    private IReadOnlyList<TrialRow> _visible = [];
    private IReadOnlyList<AxisBrush> _brushes = [];
    private IDisposable? _subscription;
    private ITimer? _poll;
    private string? _commandError;

    // What the charts draw, rebuilt when the trials, the brushing or a picker changes.
    private Objective? _objective;
    private TrialRow? _best;
    private BestSoFarData? _bestSoFar;
    private ParallelCoordinates? _parcoords;
    private HeatmapData? _heatmap;
    private ParetoData? _pareto;
    private double _hypervolume;
    private string _paretoCaption = "";
    private string _heatmapCaption = "";
    private IReadOnlyList<KeyValuePair<string, double>>? _importance;
    private string? _heatX;
    private string? _heatY;
    private string? _paretoX;
    private string? _paretoY;

    [Parameter] public long SweepId { get; set; }

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IDashboardCommands Commands { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private DialogService Dialogs { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private ILogger<SweepDetail> Logger { get; set; } = default!;

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
        await LoadAsync(showProgress: true);
        _loaded = true;
        if (_sweep is not null)
        {
            // The table goes out in one render batch, the charts in the next: rows appear without waiting for
            // the chart payloads (tens of thousands of numbers on a big sweep).
            StateHasChanged();
            await Task.Yield();
            _chartsReady = true;
        }
        if (_sweep is not null)
        {
            _subscription = Events.Subscribe(ExperimentTopic.Sweep(SweepId), RefreshAsync);
            // Trial ends are published; metric points of running trials are not, so a live sweep also polls gently.
            _poll = Time.CreateTimer(_ => _ = PollAsync(), null, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
        }
    }

    private async Task LoadAsync(bool showProgress = false)
    {
        var sweep = await Queries.GetSweepAsync(SweepId, _cts.Token);
        if (showProgress && sweep is not null)
        {
            // Title and progress first, with a loading mark where the trials go, while the trials query runs.
            _sweep = sweep;
            StateHasChanged();
        }
        var trials = sweep is null ? [] : await Queries.GetTrialsAsync(SweepId, _cts.Token);
        _sweep = sweep;
        _trials = trials;
        _trialsLoaded = true;
        Rebuild();
        _ = ComputeImportanceAsync(trials);
    }

    /// <summary>Importance takes a forest to compute: off the render path, drawn when ready.</summary>
    private async Task ComputeImportanceAsync(IReadOnlyList<TrialRow> trials)
    {
        if (_sweep?.Spec is not { } spec || _objective is not { } objective)
        {
            return;
        }
        try
        {
            var importance = await Task.Run(() => ImportanceBuilder.Build(trials, spec, objective), _cts.Token);
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
            var trials = sweep is null ? [] : await Queries.GetTrialsAsync(SweepId, _cts.Token);
            await InvokeAsync(() =>
            {
                _sweep = sweep;
                _trials = trials;
                Rebuild();
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

    private void Rebuild()
    {
        var spec = _sweep?.Spec;
        if (spec is null)
        {
            _visible = _trials;
            return;
        }
        _objective = spec.Objectives[0];
        _parcoords = ParallelCoordinates.Build(_trials, spec);
        if (_brushes.Any(b => b.Dimension >= _parcoords.Data.Dimensions.Count))
        {
            _brushes = [];
        }
        Func<TrialRow, bool>? selected = _brushes.Count == 0 ? null : t => _parcoords.Matches(t, _brushes);
        _visible = selected is null ? _trials : _trials.Where(selected).ToList();

        _best = spec.Objectives.Count == 1 ? Best(_trials, _objective) : null;
        _bestSoFar = BestSoFar.Build(_trials, _objective, selected);

        var names = ParameterNames;
        if (names.Count >= 2)
        {
            _heatX = _heatX is not null && names.Contains(_heatX) ? _heatX : names[0];
            _heatY = _heatY is not null && names.Contains(_heatY) && _heatY != _heatX ? _heatY : names.First(n => n != _heatX);
            var x = ParameterAxis.For(spec.Space.Parameters.First(p => p.Name == _heatX));
            var y = ParameterAxis.For(spec.Space.Parameters.First(p => p.Name == _heatY));
            _heatmap = HeatmapBuilder.Build(_trials, x, y, _objective, selected);
            _heatmapCaption = ScatterSample.Caption(Math.Min(_heatmap.Points.X.Count, ScatterSample.MaxPoints), _heatmap.Points.X.Count);
        }

        if (spec.Objectives.Count >= 2)
        {
            var objectives = ObjectiveNames;
            _paretoX = _paretoX is not null && objectives.Contains(_paretoX) ? _paretoX : objectives[0];
            _paretoY = _paretoY is not null && objectives.Contains(_paretoY) && _paretoY != _paretoX ? _paretoY : objectives.First(n => n != _paretoX);
            (_pareto, _hypervolume) = ParetoBuilder.Build(_trials,
                spec.Objectives.First(o => o.Metric == _paretoX), spec.Objectives.First(o => o.Metric == _paretoY),
                spec.Constraints, selected);
            _paretoCaption = ScatterSample.Caption(_pareto.Sampled().Total, _pareto.Total);
        }
        else
        {
            _pareto = null;
        }
    }

    private static TrialRow? Best(IReadOnlyList<TrialRow> trials, Objective objective)
    {
        TrialRow? best = null;
        foreach (var t in trials)
        {
            if (t.State == TrialStates.Completed && t.Metrics.TryGetValue(objective.Metric, out var v) && double.IsFinite(v) &&
                (best is null || objective.ToLoss(v) < objective.ToLoss(best.Metrics[objective.Metric])))
            {
                best = t;
            }
        }
        return best;
    }

    private Task OnBrushAsync(IReadOnlyList<AxisBrush> brushes)
    {
        _brushes = brushes;
        Rebuild();
        return Task.CompletedTask;
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
