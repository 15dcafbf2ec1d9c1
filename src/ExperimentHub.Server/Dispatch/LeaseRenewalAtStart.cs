namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Renews every held lease as the server starts, before the background jobs (and so the lease reaper) run: a server
/// down longer than a lease would otherwise requeue, on its first look, trials whose agents are only waiting to
/// reconnect, and run them twice (<see cref="TrialLeaseStore.RenewHeldLeasesAsync"/>).
/// </summary>
internal sealed class LeaseRenewalAtStart(TrialLeaseStore leases, ILogger<LeaseRenewalAtStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var renewed = await leases.RenewHeldLeasesAsync(cancellationToken);
        if (renewed > 0)
        {
            logger.LogInformation("Renewed the leases of {Count} trial(s) held when the server stopped: their agents have one lease period to reconnect", renewed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
