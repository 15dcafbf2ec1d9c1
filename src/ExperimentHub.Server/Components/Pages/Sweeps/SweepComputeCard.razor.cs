using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>
/// For a sweep on agents, a note while they lack the free slots for its parallel trials; for ec2 and slurm, its
/// instances and cost. Refreshed when the sweep changes and as agents come, go, and take or end trials.
/// </summary>
public sealed partial class SweepComputeCard : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private SweepCompute? _compute;
    private string? _shortfall;
    private IDisposable? _subscription;

    [Parameter, EditorRequired] public long SweepId { get; set; }

    [Inject] private IComputeQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _subscription = Events.Subscribe([ExperimentTopic.Sweep(SweepId), ExperimentTopic.Agents], RefreshAsync, TimeSpan.FromSeconds(1));
        _compute = await Queries.GetSweepComputeAsync(SweepId, _cts.Token);
        _shortfall = await Queries.GetCapacityShortfallAsync(SweepId, _cts.Token);
    }

    private async Task RefreshAsync()
    {
        try
        {
            var compute = await Queries.GetSweepComputeAsync(SweepId, _cts.Token);
            var shortfall = await Queries.GetCapacityShortfallAsync(SweepId, _cts.Token);
            await InvokeAsync(() =>
            {
                _compute = compute;
                _shortfall = shortfall;
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
