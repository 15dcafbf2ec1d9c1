using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// An agent could not make a sweep's code ready (the repository cannot be fetched, the install failed). That is the
/// sweep's problem, not the trial's: the sweep pauses with the reason and the set-up log, so no other agent burns
/// trials on it, and the trial goes back to the queue with its attempt given back, to run once the sweep is resumed.
/// </summary>
public sealed class TrialSetupFailures(
    IDbContextFactory<ExperimentHubDb> contexts,
    WriteGate gate,
    IExperimentEvents events,
    ILogger<TrialSetupFailures> logger)
{
    public const int MaxLogChars = 16 * 1024;

    /// <summary>Returns the sweep of the run, or null when the run is not held by this agent (nothing changes then).</summary>
    public async Task<long?> HandBackAsync(string agentId, TrialSetupFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var reason = Bounded(string.IsNullOrWhiteSpace(failure.Reason) ? "the agent could not make the code ready" : failure.Reason, 2000);
        var log = Bounded(failure.Log ?? "", MaxLogChars);
        long? sweepId;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var held = RunLifecycle.From(RunTransition.Requeue).ToList();
            sweepId = await db.Runs
                .Where(r => r.Id == failure.RunId && r.LeaseAgentId == agentId && held.Contains(r.Status))
                .Select(r => r.SweepId).FirstOrDefaultAsync(cancellationToken);
            if (sweepId is null)
            {
                return null;
            }
            await db.Runs.Where(r => r.Id == failure.RunId && held.Contains(r.Status)).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RunLifecycle.To(RunTransition.Requeue))
                .SetProperty(r => r.Attempt, r => r.Attempt - 1)
                .SetProperty(r => r.LeaseAgentId, (string?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(r => r.StartedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.Error, "handed back: the code was not ready (" + reason + ")"), cancellationToken);
            // Only a running sweep pauses: a user's stop, or a pause already made, stays as it is.
            await db.Sweeps.Where(s => s.Id == sweepId && s.Status == SweepStatus.Running).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, SweepStatus.Paused)
                .SetProperty(s => s.StatusReason, "paused: " + reason)
                .SetProperty(s => s.SetupLog, log), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        logger.LogWarning("Agent {AgentId} could not make the code of sweep {SweepId} ready ({Reason}); run {RunId} is handed back",
            agentId, sweepId, reason, failure.RunId);
        events.Publish(ExperimentTopic.Sweep(sweepId.Value));
        events.Publish(ExperimentTopic.Sweeps);
        events.Publish(ExperimentTopic.Run(failure.RunId));
        return sweepId;
    }

    private static string Bounded(string text, int max) => text.Length <= max ? text : text[^max..];
}
