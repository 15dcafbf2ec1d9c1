using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages.Agents;

/// <summary>The compute backends' instances and jobs: state, type, price, uptime and cost so far, live as they change.</summary>
public sealed partial class ComputeInstancesGrid : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<ComputeInstanceRow>? _rows;
    private DateTimeOffset _now;
    private IDisposable? _subscription;

    [Inject] private IComputeQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Launches, registrations and terminations publish the agents topic.
        _subscription = Events.Subscribe(ExperimentTopic.Agents, RefreshAsync);
        _now = Time.GetUtcNow();
        _rows = await Queries.GetInstancesAsync(_cts.Token);
    }

    private async Task RefreshAsync()
    {
        try
        {
            var rows = await Queries.GetInstancesAsync(_cts.Token);
            await InvokeAsync(() =>
            {
                _rows = rows;
                _now = Time.GetUtcNow();
                StateHasChanged();
            });
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The page closed while reloading.
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
