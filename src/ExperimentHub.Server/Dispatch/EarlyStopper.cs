using System.Collections.Concurrent;
using System.Threading.Channels;
using ExperimentHub.Core.Pruners;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Early stopping. Every committed metric batch (from the agent hub or <c>POST /runs/{id}/metrics</c>) is noted here
/// as a sink; off the ingest path, a trial of a sweep with <c>early_stopping</c> that reported its metric is judged by
/// the sweep's pruner against all the sweep's learning curves. A stopped trial becomes <c>pruned</c> (a finished,
/// usable observation) and its agent is told to stop it.
/// </summary>
public sealed class EarlyStopper(
    IDbContextFactory<ExperimentHubDb> contexts,
    SweepSpecCache specs,
    TrialReader reader,
    TrialLeaseStore queue,
    DispatchSignal signal,
    IAgentNotifier agents,
    IExperimentEvents events,
    ILogger<EarlyStopper> logger) : BackgroundService, IMetricSink
{
    private readonly Channel<long> _runs = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, byte> _queued = new();
    private const int MaxKnownRuns = 100_000;

    private readonly ConcurrentDictionary<long, (long? SweepId, string? Metric)> _runSweeps = new();

    public ValueTask OnMetricsWrittenAsync(long runId, IReadOnlyList<MetricPointInput> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        // Runs known to have no early stopping (or whose batch lacks the metric) cost a dictionary look-up.
        if (_runSweeps.TryGetValue(runId, out var known) && (known.Metric is null || !points.Any(p => p.Key == known.Metric)))
        {
            return ValueTask.CompletedTask;
        }
        if (_queued.TryAdd(runId, 0))
        {
            _runs.Writer.TryWrite(runId);
        }
        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var runId in _runs.Reader.ReadAllAsync(stoppingToken))
            {
                _queued.TryRemove(runId, out _);
                try
                {
                    await JudgeAsync(runId, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Early stopping could not judge run {RunId}", runId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>Decides whether the run goes on; true when it was pruned.</summary>
    internal async Task<bool> JudgeAsync(long runId, CancellationToken cancellationToken)
    {
        if (!_runSweeps.TryGetValue(runId, out var known))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var sweepId = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.SweepId).FirstOrDefaultAsync(cancellationToken);
            var metric = sweepId is { } id ? (await specs.GetAsync(id, cancellationToken))?.EarlyStopping?.Metric : null;
            known = (sweepId, metric);
            if (_runSweeps.Count >= MaxKnownRuns)
            {
                _runSweeps.Clear();
            }
            _runSweeps[runId] = known;
        }
        if (known is not { SweepId: { } sweep, Metric: { } key } || await specs.GetAsync(sweep, cancellationToken) is not { } spec
            || PrunerFactory.Create(spec.EarlyStopping) is not { } pruner)
        {
            return false;
        }

        var trials = await reader.ReadAsync(sweep, cancellationToken);
        var self = trials.FirstOrDefault(t => t.RunId == runId);
        if (self is null || self.Status is not (RunStatus.Running or RunStatus.Leased))
        {
            return false;
        }
        var curves = await reader.ReadCurvesAsync(sweep, key, cancellationToken);
        var records = trials.Select(t => t.ToRecord(curves.TryGetValue(t.RunId, out var c) ? c : (IReadOnlyList<IntermediateValue>?)null)).ToList();
        var decision = pruner.Decide(records.First(r => r.Id == runId), records);
        if (!decision.Stop)
        {
            return false;
        }
        var reason = $"pruned by {spec.EarlyStopping!.Type.ToString().ToLowerInvariant()} early stopping: {decision.Reason}";
        var (changed, agent) = await queue.FinishActiveAsync(runId, RunStatus.Pruned, reason, cancellationToken);
        if (!changed)
        {
            return false;
        }
        logger.LogInformation("Run {RunId} of sweep {SweepId} {Reason}", runId, sweep, reason);
        if (agent is not null)
        {
            await agents.StopTrialAsync(agent, runId, reason);
        }
        events.Publish(ExperimentTopic.Sweep(sweep));
        events.Publish(ExperimentTopic.Run(runId));
        signal.Wake();
        return true;
    }
}
