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
    private ITimer? _ticker;

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _now = Time.GetUtcNow();
        _agents = await Queries.GetAgentsAsync(_cts.Token);
        _subscription = Events.Subscribe(ExperimentTopic.Agents, RefreshAsync);
        // Heartbeats are not published one by one: reload every few seconds so "last heartbeat" stays true.
        _ticker = Time.CreateTimer(_ => _ = RefreshAsync(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
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
        _ticker?.Dispose();
        _subscription?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
