using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages.Agents;

public sealed partial class AgentList : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<AgentRow>? _agents;
    private DateTimeOffset _now;
    private IDisposable? _subscription;

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Registrations, heartbeats, trial starts and ends, and agents going offline are all published. Subscribed
        // before the first read, so that an agent connecting meanwhile is not missed.
        _subscription = Events.Subscribe(ExperimentTopic.Agents, RefreshAsync);
        _now = Time.GetUtcNow();
        _agents = await Queries.GetAgentsAsync(_cts.Token);
    }

    private async Task RefreshAsync()
    {
        try
        {
            var agents = await Queries.GetAgentsAsync(_cts.Token);
            await InvokeAsync(() =>
            {
                _agents = agents;
                _now = Time.GetUtcNow();
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

    public void Dispose()
    {
        _subscription?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
