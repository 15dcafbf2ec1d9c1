using System.Runtime.CompilerServices;
using System.Text.Json;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// The run catalog, streamed so that any number of runs is read in constant memory: one query over the runs in id
/// order, merged with one over their metric summaries in the same order (each on its own context). LINQ, so the
/// catalog reads the same on every provider.
/// </summary>
public sealed class RunCatalog(IDbContextFactory<ExperimentHubDb> contexts)
{
    /// <summary>The project owning sweep <paramref name="sweepId"/>, or null when there is no such sweep.</summary>
    public async Task<long?> FindSweepProjectAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sweeps.AsNoTracking().Where(s => s.Id == sweepId).Select(s => (long?)s.ProjectId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A first, cheap pass: the parameter names and metric keys that the CSV needs as columns.</summary>
    public async Task<CatalogColumns> ColumnsAsync(CatalogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = Runs(db, filter);
        // JSON object keys are read here, not in SQL: each provider spells them differently.
        var parameters = new SortedSet<string>(StringComparer.Ordinal);
        var metrics = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var run in runs.Select(r => new { r.ParamsJson, r.SummaryJson }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            AddKeys(run.ParamsJson, parameters);
            // Metric keys: those with points, and those given only in a summary at finish.
            AddKeys(run.SummaryJson, metrics);
        }
        var summaries = db.MetricSummaries.AsNoTracking();
        if (filter.ProjectId is not null || filter.SweepId is not null)
        {
            summaries = summaries.Where(m => runs.Select(r => r.Id).Contains(m.RunId));
        }
        metrics.UnionWith(await summaries.Select(m => m.Key).Distinct().ToListAsync(cancellationToken));
        return new CatalogColumns(parameters.ToList(), metrics.ToList());
    }

    /// <summary>The runs in id order, read as they are consumed.</summary>
    public async IAsyncEnumerable<CatalogRow> ReadAsync(CatalogFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var runDb = await contexts.CreateDbContextAsync(cancellationToken);
        await using var metricDb = await contexts.CreateDbContextAsync(cancellationToken);
        var runQuery = Runs(runDb, filter).OrderBy(r => r.Id).Select(r => new
        {
            r.Id, Project = r.Project!.Key, r.SweepId, r.TrialNumber, r.Name, r.Status, r.CreatedAt, r.StartedAt, r.EndedAt,
            r.Attempt, r.ExitCode, r.ParamsJson, r.SummaryJson,
        });
        var summaries = metricDb.MetricSummaries.AsNoTracking();
        if (filter.ProjectId is not null || filter.SweepId is not null)
        {
            summaries = summaries.Where(m => Runs(metricDb, filter).Select(r => r.Id).Contains(m.RunId));
        }
        var metricQuery = summaries.OrderBy(m => m.RunId).Select(m => new { m.RunId, m.Key, m.LastValue });

        await using var runs = runQuery.AsAsyncEnumerable().WithCancellation(cancellationToken).GetAsyncEnumerator();
        await using var metrics = metricQuery.AsAsyncEnumerable().WithCancellation(cancellationToken).GetAsyncEnumerator();
        var hasMetric = await metrics.MoveNextAsync();
        while (await runs.MoveNextAsync())
        {
            var run = runs.Current;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            while (hasMetric && metrics.Current.RunId < run.Id)
            {
                hasMetric = await metrics.MoveNextAsync();
            }
            while (hasMetric && metrics.Current.RunId == run.Id)
            {
                // A null last value is NaN (the store keeps NaN as NULL).
                values[metrics.Current.Key] = metrics.Current.LastValue ?? double.NaN;
                hasMetric = await metrics.MoveNextAsync();
            }
            if (run.SummaryJson.Length > 2)
            {
                foreach (var (key, value) in SummaryJson.Parse(run.SummaryJson))
                {
                    values[key] = value;
                }
            }
            yield return new CatalogRow(run.Id, run.Project, run.SweepId, run.TrialNumber, run.Name, EnumNames.ToText(run.Status),
                run.CreatedAt, run.StartedAt, run.EndedAt, run.Attempt, run.ExitCode, run.ParamsJson, values);
        }
    }

    private static IQueryable<Run> Runs(ExperimentHubDb db, CatalogFilter filter)
    {
        var runs = db.Runs.AsNoTracking();
        if (filter.ProjectId is { } project)
        {
            runs = runs.Where(r => r.ProjectId == project);
        }
        if (filter.SweepId is { } sweep)
        {
            runs = runs.Where(r => r.SweepId == sweep);
        }
        return runs;
    }

    private static void AddKeys(string json, SortedSet<string> keys)
    {
        if (json.Length <= 2)
        {
            return;
        }
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                keys.Add(property.Name);
            }
        }
    }
}
