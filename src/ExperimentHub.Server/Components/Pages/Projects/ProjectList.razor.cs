using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Dialogs;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ExperimentHub.Server.Components.Pages.Projects;

public sealed partial class ProjectList : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<ProjectSummary>? _projects;
    private TopicFollower? _live;

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IDashboardAccess Access { get; set; } = default!;

    /// <summary>The projects this user may see; null for all (admins).</summary>
    private IReadOnlySet<long>? _visible;

    private bool _mayCreate;

    protected override async Task OnInitializedAsync()
    {
        _live = new TopicFollower(Events, RefreshAsync);
        _live.Follow([ExperimentTopic.Projects]);
        _visible = await Access.VisibleProjectsAsync(_cts.Token);
        _mayCreate = await Access.CallerAsync() is { } caller && AccessControl.MayCreateProjects(caller);
        _projects = Visible(await Queries.GetProjectsAsync(_cts.Token));
        Follow(_projects);
    }

    private List<ProjectSummary> Visible(IReadOnlyList<ProjectSummary> projects) =>
        projects.Where(p => _visible is null || _visible.Contains(p.Id)).ToList();

    /// <summary>New projects, and each listed project's runs and sweeps (the counts and last activity).</summary>
    private void Follow(IReadOnlyList<ProjectSummary> projects) =>
        _live?.Follow(projects.Select(p => ExperimentTopic.Project(p.Id)).Prepend(ExperimentTopic.Projects));

    private async Task RefreshAsync()
    {
        try
        {
            _visible = await Access.VisibleProjectsAsync(_cts.Token);
            var projects = Visible(await Queries.GetProjectsAsync(_cts.Token));
            await InvokeAsync(() =>
            {
                _projects = projects;
                StateHasChanged();
            });
            Follow(projects);
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

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateProjectDialog>("New project",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: ProjectSummary project })
        {
            Snackbar.Add($"Project {project.Key} created.", Severity.Success);
            Navigation.NavigateTo($"projects/{project.Key}");
        }
    }

    public void Dispose()
    {
        _live?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
