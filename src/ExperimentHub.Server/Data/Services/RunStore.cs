using System.Text.Json;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Services;

/// <summary>Runs and run tokens: one DbContext per call.</summary>
public sealed class RunStore(IDbContextFactory<ExperimentHubDb> contexts, IRunTokenIssuer tokens, TimeProvider time, IExperimentEvents events)
{
    /// <summary>A run outside any sweep: it starts running at once, with a token that may write to it alone.</summary>
    public async Task<CreatedRun> CreateAsync(long projectId, string? name, string paramsJson, CancellationToken cancellationToken,
        string? dataset = null, string? codeVersion = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var run = new Run
        {
            ProjectId = projectId,
            Name = name,
            Status = RunStatus.Running,
            ParamsJson = paramsJson,
            CreatedAt = now,
            StartedAt = now,
            Attempt = 1,
            Dataset = dataset,
            CodeVersion = codeVersion,
        };
        var token = tokens.NewRunToken(run);
        db.Runs.Add(run);
        db.ApiKeys.Add(token.Row);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(ExperimentTopic.Project(projectId));
        return new CreatedRun(run, token.Secret);
    }

    /// <summary>The code version a trial runs, as its agent found it when it started the process (cut to its limit).</summary>
    public async Task RecordCodeVersionAsync(long runId, string codeVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codeVersion);
        var bounded = codeVersion.Length <= Run.MaxCodeVersionChars ? codeVersion : codeVersion[..Run.MaxCodeVersionChars];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u.SetProperty(r => r.CodeVersion, bounded), cancellationToken);
    }

    public async Task<Run?> FindAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Include(r => r.Project).FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    public async Task<bool> ExistsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken);
    }

    /// <summary>A page of a project's runs, newest first, optionally of one status.</summary>
    public async Task<RunPage> ListAsync(long projectId, long? beforeId, int limit, RunStatus? status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Runs.AsNoTracking().Where(r => r.ProjectId == projectId);
        if (beforeId is { } before)
        {
            query = query.Where(r => r.Id < before);
        }
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }
        var runs = await query.OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
        long? next = null;
        if (runs.Count > limit)
        {
            runs.RemoveAt(limit);
            next = runs[^1].Id;
        }
        return new RunPage(runs, next);
    }

    /// <summary>
    /// Ends a run with a final status, merging <paramref name="summary"/> into its summary, as one atomic transition:
    /// of concurrent calls exactly one finishes the run, and a finished run is never finished again (its status and
    /// summary stay what the winner wrote). <paramref name="error"/>, when given, says why the run failed (the
    /// script's exception).
    /// </summary>
    public async Task<(FinishOutcome Outcome, Run? Run)> FinishAsync(long runId, RunStatus status, IReadOnlyDictionary<string, double>? summary,
        string? error, CancellationToken cancellationToken)
    {
        var transition = RunLifecycle.Ending(status);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run is null)
            {
                return (FinishOutcome.NotFound, null);
            }
            if (!RunLifecycle.Allows(run.Status, transition))
            {
                return (FinishOutcome.AlreadyFinished, run);
            }
            var summaryJson = run.SummaryJson;
            if (summary is { Count: > 0 })
            {
                var merged = SummaryJson.Parse(run.SummaryJson);
                foreach (var (key, value) in summary)
                {
                    merged[key] = value;
                }
                summaryJson = SummaryJson.Write(merged);
            }
            var endedAt = run.EndedAt ?? time.GetUtcNow();
            var storedError = error ?? run.Error;
            // Compare and set: the update applies only while the run is as it was read, so a concurrent finish (or an
            // agent's report) in between makes this one read again and find the run ended.
            var readStatus = run.Status;
            var readSummary = run.SummaryJson;
            var changed = await db.Runs
                .Where(r => r.Id == runId && r.Status == readStatus && r.SummaryJson == readSummary)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, status)
                    .SetProperty(r => r.EndedAt, endedAt)
                    .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.SummaryJson, summaryJson)
                    .SetProperty(r => r.Error, storedError), cancellationToken);
            if (changed == 0)
            {
                continue;
            }
            run.Status = status;
            run.EndedAt = endedAt;
            run.LeaseExpiresAt = null;
            run.SummaryJson = summaryJson;
            run.Error = storedError;
            events.Publish(ExperimentTopic.Run(runId));
            events.Publish(run.SweepId is { } sweepId ? ExperimentTopic.Sweep(sweepId) : ExperimentTopic.Project(run.ProjectId));
            return (FinishOutcome.Finished, run);
        }
    }

    /// <summary>The run's summary: each metric's last value, overridden by what was given at finish.</summary>
    public static Dictionary<string, double> MergedSummary(Run run, IEnumerable<MetricSummary> metrics)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        var merged = metrics.ToDictionary(m => m.Key, m => m.Last, StringComparer.Ordinal);
        foreach (var (key, value) in SummaryJson.Parse(run.SummaryJson))
        {
            merged[key] = value;
        }
        return merged;
    }

    internal static JsonElement ParseParams(string paramsJson)
    {
        using var doc = JsonDocument.Parse(paramsJson);
        return doc.RootElement.Clone();
    }
}
