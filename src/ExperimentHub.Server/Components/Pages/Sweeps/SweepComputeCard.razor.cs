using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>Shows nothing for a sweep on agents; for ec2 and slurm, its instances and cost, refreshed when the sweep changes.</summary>
public sealed partial class SweepComputeCard : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private SweepCompute? _compute;
    private IDisposable? _subscription;

    [Parameter, EditorRequired] public long SweepId { get; set; }

    [Inject] private IComputeQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _subscription = Events.Subscribe(ExperimentTopic.Sweep(SweepId), RefreshAsync);
        _compute = await Queries.GetSweepComputeAsync(SweepId, _cts.Token);
    }

    private async Task RefreshAsync()
    {
        try
        {
            var compute = await Queries.GetSweepComputeAsync(SweepId, _cts.Token);
            await InvokeAsync(() =>
            {
                _compute = compute;
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
