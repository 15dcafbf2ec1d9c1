using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>What dispatch tells the notifications (Notifications implements it); calls are quick and never throw.</summary>
public interface ISweepNotifications
{
    /// <summary>A sweep's status changed (completed, failed, paused); its targets that asked for it are owed a message.</summary>
    Task SweepStatusChangedAsync(long sweepId, SweepStatus status, string? reason, CancellationToken cancellationToken);

    /// <summary>A trial of the sweep completed: it may be the new best.</summary>
    void TrialCompleted(long sweepId, long runId);
}
