using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
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
    private IDisposable? _subscription;

    [Parameter] public string ProjectKey { get; set; } = "";

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string RunsCaption => _runs is null ? ""
        : _runCount > _runs.Count ? $"The newest {_runs.Count:N0} of {_runCount:N0} runs (the catalog export has them all)"
        : $"{_runCount:N0} runs";

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _runs = null;
        _project = await Queries.GetProjectAsync(ProjectKey, _cts.Token);
        _loaded = true;
        if (_project is not null)
        {
            await LoadRunsAsync();
            _subscription = Events.Subscribe(ExperimentTopic.Project(ProjectKey), OnProjectChangedAsync);
        }
    }

    private async Task OnProjectChangedAsync()
    {
        try
        {
            var project = await Queries.GetProjectAsync(ProjectKey, _cts.Token);
            var runs = await Queries.GetRunsAsync(ProjectKey, 0, MaxRuns, _cts.Token);
            await InvokeAsync(() =>
            {
                _project = project;
                _runs = runs.Items;
                _runCount = runs.TotalCount;
                StateHasChanged();
            });
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
        var page = await Queries.GetRunsAsync(ProjectKey, 0, MaxRuns, _cts.Token);
        _runs = page.Items;
        _runCount = page.TotalCount;
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
        _subscription?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
