using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>Renders a <see cref="SweepPageState"/>, which holds what the page loaded and chose and keeps it live.</summary>
public sealed partial class SweepDetail : IDisposable
{
    private SweepPageState? _state;

    [Parameter] public long SweepId { get; set; }

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IDashboardAccess Access { get; set; } = default!;

    /// <summary>Editors of the sweep's project see pause, resume and stop.</summary>
    private bool _canControl;

    [Inject] private IDashboardCommands Commands { get; set; } = default!;

    [Inject] private ImportanceCache Importance { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private ILogger<SweepDetail> Logger { get; set; } = default!;

    /// <summary>The importance card stands beside the heatmap from the first draw while importance is on its way.</summary>
    private bool ImportanceBesideHeatmap => State.Importance is not null || State.ImportancePending;

    /// <summary>A bar per parameter: tall enough for each name, never cramped.</summary>
    private string ImportanceHeight => $"{Math.Clamp(60 + 32 * (_state?.Importance?.Count ?? 0), 200, 420)}px";

    /// <summary>Why the heatmap has nothing to draw: too few parameters, or no completed trial yet.</summary>
    private string HeatmapEmptyReason => State.Sweep?.Spec?.Space.Parameters is { Count: < 2 } parameters
        ? $"The heatmap shows the objective over two parameters; this sweep searches {(parameters.Count == 0 ? "none" : "only " + parameters[0].Name)}."
        : "No completed trial yet: the heatmap fills in as trials finish.";

    private SweepPageState State => _state ?? throw new InvalidOperationException("The sweep page renders before its parameters are set.");

    private string BudgetMinutes => State.Sweep is { Spec.Budget.Minutes: { } minutes } sweep
        ? $" · {Display.Duration(sweep.StartedAt ?? sweep.CreatedAt, sweep.FinishedAt, Time.GetUtcNow())} of {minutes:0.#} min"
        : "";

    protected override async Task OnParametersSetAsync()
    {
        if (_state?.SweepId == SweepId)
        {
            return;
        }
        // Another sweep: new state, with nothing brushed.
        _state?.Dispose();
        _state = new SweepPageState(SweepId, Queries, Commands, Importance, Events, Logger, ApplyAsync);
        await _state.LoadAsync(StateHasChanged);
        _canControl = _state.Sweep is { } sweep && await Access.RoleInAsync(sweep.ProjectKey) >= ProjectRole.Editor;
    }

    protected override void OnAfterRender(bool firstRender) => _state?.AfterRender();

    /// <summary>A change from an event or the thread pool, applied on the circuit's thread and rendered.</summary>
    private Task ApplyAsync(Action change) => InvokeAsync(() =>
    {
        change();
        StateHasChanged();
    });

    private void OpenRun(long runId) => Navigation.NavigateTo($"runs/{runId}");

    private async Task StopAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Stop sweep",
            "Stop this sweep? Running trials are stopped and no new ones start. Finished trials are kept.",
            yesText: "Stop sweep", cancelText: "Keep running");
        if (confirmed == true)
        {
            await State.StopAsync();
        }
    }

    public void Dispose() => _state?.Dispose();
}
