using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using ExperimentHub.Server.Notifications;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Controls;

/// <summary>The sweep's notifications: sent, waiting for a retry, or failed after every try (with the last error).</summary>
public sealed partial class SweepNotifications : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<NotificationDelivery> _deliveries = [];
    private IDisposable? _subscription;

    [Parameter, EditorRequired] public long SweepId { get; set; }

    [Inject] private INotificationQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // A delivery that ends (sent or failed) publishes the sweep's topic.
        _subscription = Events.Subscribe(ExperimentTopic.Sweep(SweepId), RefreshAsync);
        _deliveries = await Queries.ForSweepAsync(SweepId, _cts.Token);
    }

    private async Task RefreshAsync()
    {
        try
        {
            var deliveries = await Queries.ForSweepAsync(SweepId, _cts.Token);
            await InvokeAsync(() =>
            {
                _deliveries = deliveries;
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

    private static MudBlazor.Severity Severity(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => MudBlazor.Severity.Success,
        DeliveryStatus.Failed => MudBlazor.Severity.Error,
        _ => MudBlazor.Severity.Info,
    };

    private static string StatusText(NotificationDelivery d) => d.Status switch
    {
        DeliveryStatus.Delivered => "sent",
        DeliveryStatus.Failed => $"failed after {d.Attempts} tries: {d.LastError}",
        _ when d.Attempts > 0 => $"retrying ({d.Attempts} tries so far: {d.LastError})",
        _ => "sending",
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
