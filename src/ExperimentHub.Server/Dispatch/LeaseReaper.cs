using System.Collections.Concurrent;
using System.Globalization;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Requeues trials whose agent stopped heartbeating (their lease expired), ends trials that ran past their
/// <c>timeout_minutes</c> (and tells their agent to stop them), and marks silent agents offline.
/// </summary>
public sealed class LeaseReaper(
    IDbContextFactory<ExperimentHubDb> contexts,
    TrialLeaseStore queue,
    AskTellService askTell,
    SweepSpecCache specs,
    DispatchSignal signal,
    IAgentNotifier agents,
    IExperimentEvents events,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<LeaseReaper> logger)
{
    private readonly ConcurrentDictionary<long, byte> _unreadable = new();

    /// <summary>One look; run by the recurring Hangfire job <c>reap-expired-leases-and-timed-out-trials</c> (Jobs/DispatchJobs).</summary>
    internal async Task ReapAsync(CancellationToken cancellationToken)
    {
        var changed = new HashSet<long>();
        foreach (var trial in await queue.RequeueExpiredAsync(cancellationToken))
        {
            logger.LogWarning("Trial run {RunId} of sweep {SweepId} lost its agent: now {Status}", trial.RunId, trial.SweepId, trial.Status);
            changed.Add(trial.SweepId);
            events.Publish(ExperimentTopic.Run(trial.RunId));
        }

        changed.UnionWith(await askTell.ExpireAsync(cancellationToken));

        var now = time.GetUtcNow();
        foreach (var (runId, sweepId, startedAt, agentId) in await queue.ListRunningAsync(cancellationToken))
        {
            if (await TimeoutOfAsync(sweepId, cancellationToken) is not { } minutes || now < SpecDurations.After(startedAt, minutes))
            {
                continue;
            }
            var reason = $"ran past its timeout of {minutes.ToString("0.###", CultureInfo.InvariantCulture)} minutes";
            var (done, agent) = await queue.FinishActiveAsync(runId, RunStatus.TimedOut, reason, cancellationToken);
            if (done)
            {
                changed.Add(sweepId);
                events.Publish(ExperimentTopic.Run(runId));
                if ((agent ?? agentId) is { } holder)
                {
                    await agents.StopTrialAsync(holder, runId, reason);
                }
            }
        }

        if (changed.Count > 0)
        {
            foreach (var sweepId in changed)
            {
                events.Publish(ExperimentTopic.Sweep(sweepId));
            }
            signal.Wake();
            await agents.WorkAvailableAsync();
        }

        var silentSince = now.AddSeconds(-options.Value.LeaseSeconds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offline = await db.Agents.Where(a => a.Status == AgentStatus.Online && a.LastHeartbeatAt < silentSince)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AgentStatus.Offline), cancellationToken);
        if (offline > 0)
        {
            events.Publish(ExperimentTopic.Agents);
        }
    }

    /// <summary>
    /// The sweep's trial timeout; none when its stored spec no longer parses (stored before a limit existed, such as
    /// <c>timeout_minutes: 1e300</c>): one warning per sweep, so that one bad row cannot stop reaping for all the others.
    /// </summary>
    private async Task<double?> TimeoutOfAsync(long sweepId, CancellationToken cancellationToken)
    {
        try
        {
            return (await specs.GetAsync(sweepId, cancellationToken))?.Trial.TimeoutMinutes;
        }
        catch (SweepSpecException ex)
        {
            if (_unreadable.TryAdd(sweepId, 0))
            {
                logger.LogWarning("Sweep {SweepId}'s stored spec no longer parses, so its trials have no timeout: {Problem}", sweepId, ex.Message);
            }
            return null;
        }
    }
}
