using System.Runtime.CompilerServices;
using System.Text.Json;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// The run catalog, streamed so that any number of runs is read in constant memory: one query over the runs in id
/// order (with their sweep's spec), merged with one over their metric summaries and one over their artifacts in the
/// same order (each on its own context). LINQ, so the
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

    /// <summary>How many runs the catalog of <paramref name="filter"/> holds now.</summary>
    public async Task<long> CountAsync(CatalogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Runs(db, filter).LongCountAsync(cancellationToken);
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
        await using var artifactDb = await contexts.CreateDbContextAsync(cancellationToken);
        var runQuery = Runs(runDb, filter).OrderBy(r => r.Id).Select(r => new
        {
            r.Id, Project = r.Project!.Key, r.SweepId, r.TrialNumber, r.Name, r.Status, r.CreatedAt, r.StartedAt, r.EndedAt,
            r.Attempt, r.ExitCode, r.ParamsJson, r.SummaryJson, r.Dataset, r.CodeVersion, r.WarmStartSweepId, r.WarmStartRunId,
            SpecText = r.Sweep != null ? r.Sweep.SpecText : null,
            SpecFormat = r.Sweep != null ? r.Sweep.SpecFormat : null,
        });
        var summaries = metricDb.MetricSummaries.AsNoTracking();
        if (filter.ProjectId is not null || filter.SweepId is not null)
        {
            summaries = summaries.Where(m => Runs(metricDb, filter).Select(r => r.Id).Contains(m.RunId));
        }
        var metricQuery = summaries.OrderBy(m => m.RunId).Select(m => new { m.RunId, m.Key, m.LastValue });
        var artifactRows = artifactDb.Artifacts.AsNoTracking();
        if (filter.ProjectId is not null || filter.SweepId is not null)
        {
            artifactRows = artifactRows.Where(a => Runs(artifactDb, filter).Select(r => r.Id).Contains(a.RunId));
        }
        var artifactQuery = artifactRows.OrderBy(a => a.RunId).Select(a => new { a.RunId, a.Path });

        await using var runs = runQuery.AsAsyncEnumerable().WithCancellation(cancellationToken).GetAsyncEnumerator();
        await using var metrics = metricQuery.AsAsyncEnumerable().WithCancellation(cancellationToken).GetAsyncEnumerator();
        await using var artifacts = artifactQuery.AsAsyncEnumerable().WithCancellation(cancellationToken).GetAsyncEnumerator();
        var hasMetric = await metrics.MoveNextAsync();
        var hasArtifact = await artifacts.MoveNextAsync();
        // Each sweep's spec is parsed once, at its first run.
        var sweeps = new Dictionary<long, CatalogSweep?>();
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
            List<string>? paths = null;
            while (hasArtifact && artifacts.Current.RunId < run.Id)
            {
                hasArtifact = await artifacts.MoveNextAsync();
            }
            while (hasArtifact && artifacts.Current.RunId == run.Id)
            {
                (paths ??= []).Add(artifacts.Current.Path);
                hasArtifact = await artifacts.MoveNextAsync();
            }
            // Ordinal, as every provider's collation would not give it.
            paths?.Sort(StringComparer.Ordinal);
            CatalogSweep? sweep = null;
            if (run.SweepId is { } sweepId && run.SpecText is not null && run.SpecFormat is not null && !sweeps.TryGetValue(sweepId, out sweep))
            {
                sweep = CatalogSweep.FromStored(run.SpecText, run.SpecFormat);
                sweeps[sweepId] = sweep;
            }
            if (run.SummaryJson.Length > 2)
            {
                foreach (var (key, value) in SummaryJson.Parse(run.SummaryJson))
                {
                    values[key] = value;
                }
            }
            yield return new CatalogRow(run.Id, run.Project, run.SweepId, run.TrialNumber, run.Name, EnumNames.ToText(run.Status),
                run.CreatedAt, run.StartedAt, run.EndedAt, run.Attempt, run.ExitCode, run.ParamsJson, values,
                run.Dataset, run.CodeVersion, run.WarmStartSweepId, run.WarmStartRunId, sweep, paths);
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
