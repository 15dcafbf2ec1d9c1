using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ExperimentHub.Server.Components.Pages.Projects;

public sealed partial class ProjectDetail : IDisposable
{
    /// <summary>The newest runs the page lists; the catalog export (API, CLI) has every run.</summary>
    internal const int MaxRuns = 500;

    private static readonly IReadOnlyList<BreadcrumbItem> Crumbs = [new("Projects", "projects")];

    private readonly CancellationTokenSource _cts = new();
    private readonly SortedSet<long> _compare = [];
    private ProjectOverview? _project;
    private bool _loaded;
    private IReadOnlyList<RunRow>? _runs;
    private int _runCount;
    private TopicFollower? _live;
    // Sweeps list their trials themselves: the runs table holds the runs logged outside any sweep unless asked.
    private bool _showTrials;

    [Parameter] public string ProjectKey { get; set; } = "";

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IDashboardAccess Access { get; set; } = default!;

    /// <summary>The user's role here: viewers see the project, editors also the New sweep button.</summary>
    private ProjectRole? _role;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string RunsCaption => _runs is null ? ""
        : _runCount > _runs.Count ? $"The newest {_runs.Count:N0} of {_runCount:N0} {RunsNoun} (the catalog export has them all)"
        : $"{_runCount:N0} {RunsNoun}";

    private string RunsNoun => _showTrials ? "runs, sweep trials included" : "runs outside sweeps";

    private async Task OnShowTrialsChanged()
    {
        _runs = null;
        await LoadRunsAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        _live?.Dispose();
        _live = new TopicFollower(Events, OnProjectChangedAsync);
        _runs = null;
        _role = await Access.RoleInAsync(ProjectKey, _cts.Token);
        // A project the user has no role in looks like one that does not exist.
        _project = _role is null ? null : await Queries.GetProjectAsync(ProjectKey, _cts.Token);
        _loaded = true;
        if (_project is not null)
        {
            await LoadRunsAsync();
        }
    }

    private async Task OnProjectChangedAsync()
    {
        try
        {
            var project = await Queries.GetProjectAsync(ProjectKey, _cts.Token);
            var runs = await Queries.GetRunsAsync(ProjectKey, 0, MaxRuns, _showTrials, _cts.Token);
            await InvokeAsync(() =>
            {
                _project = project;
                _runs = runs.Items;
                _runCount = runs.TotalCount;
                StateHasChanged();
            });
            FollowShown();
        }
        catch (OperationCanceledException)
        {
            // The page closed while reloading.
        }
        catch (ObjectDisposedException)
        {
            // Same: the page's token is gone.
        }
    }

    private async Task LoadRunsAsync()
    {
        var page = await Queries.GetRunsAsync(ProjectKey, 0, MaxRuns, _showTrials, _cts.Token);
        _runs = page.Items;
        _runCount = page.TotalCount;
        FollowShown();
    }

    /// <summary>
    /// Listens to what the page shows: the project (runs created or finished, sweeps submitted), its live sweeps
    /// (their trials and progress) and the shown runs that may still change (their status and summary).
    /// </summary>
    private void FollowShown()
    {
        if (_project is not { } project)
        {
            return;
        }
        _live?.Follow(project.Sweeps.Where(s => s.Status is "running" or "paused").Select(s => ExperimentTopic.Sweep(s.Id))
            .Concat((_runs ?? []).Where(r => TrialStates.IsActive(r.Status)).Select(r => ExperimentTopic.Run(r.Id)))
            .Prepend(ExperimentTopic.Project(project.Id)));
    }

    private void ToggleCompare((long RunId, bool On) tick)
    {
        if (tick.On)
        {
            _compare.Add(tick.RunId);
        }
        else
        {
            _compare.Remove(tick.RunId);
        }
    }

    private static double Percent(SweepSummary s) =>
        s.TrialBudget is > 0 and var b ? Math.Min(100, 100.0 * s.TrialsCompleted / b) : 0;

    public void Dispose()
    {
        _live?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
