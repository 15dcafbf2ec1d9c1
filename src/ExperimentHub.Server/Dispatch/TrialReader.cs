using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// The one reader of a sweep's trials (with merged metrics) and learning curves, in two or three queries: the
/// coordinator, early stopping, the sweeps API and the dashboard's sweep page all read trials here. LINQ, so the same
/// reads run on every provider.
/// </summary>
public sealed class TrialReader(IDbContextFactory<ExperimentHubDb> contexts)
{
    public Task<IReadOnlyList<TrialSnapshot>> ReadAsync(long sweepId, CancellationToken cancellationToken) =>
        ReadAsync(sweepId, null, cancellationToken);

    /// <summary>
    /// The sweep's trials with only the named metrics (those a page draws: a sweep's objectives and constraints), so
    /// that trials logging dozens of metrics read only what is shown.
    /// </summary>
    public Task<IReadOnlyList<TrialSnapshot>> ReadWithMetricsAsync(long sweepId, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return ReadAsync(sweepId, null, metrics.ToHashSet(StringComparer.Ordinal), cancellationToken);
    }

    /// <summary>The id, status and end of every trial of the sweep: cheap, for telling what changed since the last read.</summary>
    public async Task<List<(long RunId, string Status)>> ReadStatesAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Runs.AsNoTracking().Where(r => r.SweepId == sweepId)
            .Select(r => new { r.Id, r.Status })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, EnumNames.ToText(r.Status))).ToList();
    }

    /// <summary>The sweep's trials, or only those with the given run ids, in trial order.</summary>
    public Task<IReadOnlyList<TrialSnapshot>> ReadAsync(long sweepId, IReadOnlyCollection<long>? onlyIds, CancellationToken cancellationToken) =>
        ReadAsync(sweepId, onlyIds, null, cancellationToken);

    private async Task<IReadOnlyList<TrialSnapshot>> ReadAsync(
        long sweepId, IReadOnlyCollection<long>? onlyIds, HashSet<string>? onlyMetrics, CancellationToken cancellationToken)
    {
        if (onlyIds is { Count: 0 })
        {
            return [];
        }
        // A whole sweep's metrics are read on a second context while its runs are read (readers run side by side
        // on every provider): on a big sweep each read takes tens of milliseconds. A few trials are read in line.
        var lastValues = onlyIds is null
            ? Task.Run(() => ReadLastValuesAsync(sweepId, onlyIds, onlyMetrics, cancellationToken), cancellationToken)
            : ReadLastValuesAsync(sweepId, onlyIds, onlyMetrics, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.Runs.AsNoTracking().Where(r => r.SweepId == sweepId);
        if (onlyIds is not null)
        {
            runs = runs.Where(r => onlyIds.Contains(r.Id));
        }
        var rows = await runs.OrderBy(r => r.TrialNumber)
            .Select(r => new
            {
                r.Id, r.TrialNumber, r.Status, r.ParamsJson, r.SummaryJson, r.CreatedAt, r.StartedAt, r.EndedAt, r.Attempt, r.Error,
                r.ExitCode, r.LeaseAgentId,
            })
            .ToListAsync(cancellationToken);
        var metrics = await lastValues;
        var trials = new List<TrialSnapshot>(rows.Count);
        foreach (var row in rows)
        {
            var merged = metrics.TryGetValue(row.Id, out var m) ? m : new Dictionary<string, double>(StringComparer.Ordinal);
            if (row.SummaryJson.Length > 2)
            {
                foreach (var (key, value) in SummaryJson.Parse(row.SummaryJson))
                {
                    if (onlyMetrics is null || onlyMetrics.Contains(key))
                    {
                        merged[key] = value;
                    }
                }
            }
            trials.Add(new TrialSnapshot(row.Id, row.TrialNumber ?? 0, row.Status, ParameterJson.Read(row.ParamsJson), row.ParamsJson, merged,
                row.CreatedAt, row.StartedAt, row.EndedAt, row.Attempt, row.Error, row.ExitCode, row.LeaseAgentId));
        }
        return trials;
    }

    /// <summary>Each trial's last value of every metric (or of <paramref name="onlyMetrics"/>), by run.</summary>
    private async Task<Dictionary<long, Dictionary<string, double>>> ReadLastValuesAsync(
        long sweepId, IReadOnlyCollection<long>? onlyIds, HashSet<string>? onlyMetrics, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<long, Dictionary<string, double>>();
        if (onlyMetrics is { Count: 0 })
        {
            return metrics;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var summaries = db.MetricSummaries.AsNoTracking().Where(ms => ms.Run!.SweepId == sweepId);
        if (onlyIds is not null)
        {
            summaries = summaries.Where(ms => onlyIds.Contains(ms.RunId));
        }
        if (onlyMetrics is not null)
        {
            var keys = onlyMetrics.ToList();
            summaries = summaries.Where(ms => keys.Contains(ms.Key));
        }
        await foreach (var row in summaries.Select(ms => new { ms.RunId, ms.Key, ms.LastValue }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!metrics.TryGetValue(row.RunId, out var values))
            {
                values = new Dictionary<string, double>(StringComparer.Ordinal);
                metrics[row.RunId] = values;
            }
            values[row.Key] = row.LastValue ?? double.NaN;
        }
        return metrics;
    }

    /// <summary>Every trial's values of <paramref name="metric"/> by step, in step order.</summary>
    public async Task<Dictionary<long, List<IntermediateValue>>> ReadCurvesAsync(long sweepId, string metric, CancellationToken cancellationToken)
    {
        var curves = new Dictionary<long, List<IntermediateValue>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var points = db.MetricPoints.AsNoTracking()
            .Where(mp => mp.Key == metric && mp.Run!.SweepId == sweepId)
            .OrderBy(mp => mp.RunId).ThenBy(mp => mp.Step)
            .Select(mp => new { mp.RunId, mp.Step, mp.StoredValue });
        await foreach (var point in points.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!curves.TryGetValue(point.RunId, out var curve))
            {
                curve = [];
                curves[point.RunId] = curve;
            }
            curve.Add(new IntermediateValue(point.Step, point.StoredValue ?? double.NaN));
        }
        return curves;
    }
}
