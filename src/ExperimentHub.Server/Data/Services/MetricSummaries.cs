using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Services;

/// <summary>Each run's metric keys with count, last, min and max value, as ingest keeps them.</summary>
public sealed class MetricSummaries(IDbContextFactory<ExperimentHubDb> contexts)
{
    /// <summary>The run's metric keys with count, last, min and max, by key.</summary>
    public async Task<IReadOnlyList<MetricSummary>> ListSummariesAsync(long runId, CancellationToken cancellationToken)
    {
        var all = await ListSummariesAsync([runId], cancellationToken);
        return all.TryGetValue(runId, out var list) ? list : [];
    }

    /// <summary>The metric summaries of many runs in one query (run tables, sweep results).</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<MetricSummary>>> ListSummariesAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var result = new Dictionary<long, IReadOnlyList<MetricSummary>>();
        if (runIds.Count == 0)
        {
            return result;
        }
        // Chunks keep the IN list within every provider's parameter limit (SQL Server: 2,100).
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var chunk in runIds.Distinct().Chunk(1000))
        {
            var rows = await db.MetricSummaries.AsNoTracking().Where(m => chunk.Contains(m.RunId))
                .OrderBy(m => m.RunId).ThenBy(m => m.Key).ToListAsync(cancellationToken);
            foreach (var group in rows.GroupBy(m => m.RunId))
            {
                result[group.Key] = group.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
            }
        }
        return result;
    }
}
