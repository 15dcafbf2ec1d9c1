using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// The dashboard's reads on the SQL store: a context per call (circuits live long), no tracking, projections of
/// only the columns a page shows.
/// </summary>
internal sealed class DbDashboardQueries(
    IDbContextFactory<ExperimentHubDb> contexts, MetricSeriesReader metrics, SweepSpecCache specs, TrialReader trials, AgentDirectory agents) : IDashboardQueries
{
    public async Task<IReadOnlyList<ProjectSummary>> GetProjectsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Projects.AsNoTracking()
            .OrderBy(p => p.Key)
            .Select(p => new
            {
                p.Id,
                p.Key,
                p.Name,
                p.Description,
                p.CreatedAt,
                Sweeps = p.Sweeps.Count,
                Runs = p.Runs.Count,
                LastRunId = p.Runs.Max(r => (long?)r.Id),
            })
            .ToListAsync(cancellationToken);
        // The newest run's time, one indexed lookup per project, rather than MAX over a converted time column.
        var lastIds = rows.Where(r => r.LastRunId is not null).Select(r => r.LastRunId!.Value).ToList();
        var lastTimes = await db.Runs.AsNoTracking().Where(r => lastIds.Contains(r.Id))
            .Select(r => new { r.Id, r.CreatedAt })
            .ToDictionaryAsync(r => r.Id, r => r.CreatedAt, cancellationToken);
        return rows.Select(r => new ProjectSummary(
                r.Id, r.Key, r.Name, r.Description, r.CreatedAt, r.Sweeps, r.Runs,
                r.LastRunId is { } id && lastTimes.TryGetValue(id, out var t) ? t : null))
            .ToList();
    }

    public async Task<ProjectOverview?> GetProjectAsync(string projectKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == projectKey, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var sweeps = await db.Sweeps.AsNoTracking()
            .Where(s => s.ProjectId == project.Id)
            .OrderByDescending(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Status,
                s.SpecText,
                s.SpecFormat,
                Budget = s.TrialBudget + s.ExtraTrials,
                Completed = s.Runs.Count(r => r.Status == RunStatus.Completed || r.Status == RunStatus.Pruned),
                Running = s.Runs.Count(r => r.Status == RunStatus.Leased || r.Status == RunStatus.Running),
                s.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        return new ProjectOverview(project.Id, project.Key, project.Name, project.Description, project.CreatedAt, sweeps
            .Select(s => new SweepSummary(
                s.Id,
                s.Name,
                EnumNames.ToText(s.Status),
                specs.FromStored(s.Id, s.SpecText, s.SpecFormat)?.Method.ToString().ToLowerInvariant() ?? "",
                s.Completed,
                s.Running,
                s.Budget > 0 ? s.Budget : null,
                s.CreatedAt))
            .ToList());
    }

    public async Task<PagedResult<RunRow>> GetRunsAsync(string projectKey, int skip, int take, bool includeTrials, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Runs.AsNoTracking().Where(r => r.Project!.Key == projectKey);
        if (!includeTrials)
        {
            query = query.Where(r => r.SweepId == null);
        }
        var total = await query.CountAsync(cancellationToken);
        var runs = await query
            .OrderByDescending(r => r.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, 500))
            .Select(r => new { r.Id, r.Name, r.Status, r.SweepId, r.CreatedAt, r.EndedAt, r.SummaryJson, r.ParamsJson })
            .ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var lastValues = await LastValuesAsync(db.MetricSummaries.Where(m => ids.Contains(m.RunId)), cancellationToken);
        return new PagedResult<RunRow>(runs
            .Select(r => new RunRow(r.Id, r.Name, EnumNames.ToText(r.Status), r.SweepId, r.CreatedAt, r.EndedAt,
                Summary(lastValues, r.Id, r.SummaryJson), JsonParameters.Parse(r.ParamsJson)))
            .ToList(), total);
    }

    public async Task<RunOverview?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking()
            .Where(r => r.Id == runId)
            .Select(r => new
            {
                r.Id,
                ProjectKey = r.Project!.Key,
                r.Name,
                r.Status,
                r.SweepId,
                SweepSpec = r.Sweep == null ? null : r.Sweep.SpecText,
                SweepFormat = r.Sweep == null ? null : r.Sweep.SpecFormat,
                r.ParamsJson,
                r.SummaryJson,
                r.LogTail,
                r.CreatedAt,
                r.StartedAt,
                r.EndedAt,
                r.ExitCode,
                r.LeaseAgentId,
                r.Error,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }
        var summaries = await db.MetricSummaries.AsNoTracking().Where(m => m.RunId == runId)
            .OrderBy(m => m.Key)
            .Select(m => new { m.Key, m.LastValue })
            .ToListAsync(cancellationToken);
        var artifacts = await db.Artifacts.AsNoTracking().Where(a => a.RunId == runId)
            .OrderBy(a => a.Path)
            .Select(a => new ArtifactRow(a.Path, a.Size, a.CreatedAt))
            .ToListAsync(cancellationToken);
        var agentName = run.LeaseAgentId is { } agentId
            ? await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
            : null;

        var summary = summaries.ToDictionary(s => s.Key, s => s.LastValue ?? double.NaN, StringComparer.Ordinal);
        foreach (var (key, value) in SummaryJson.Parse(run.SummaryJson))
        {
            summary[key] = value;
        }
        var parameters = JsonParameters.Parse(run.ParamsJson);
        // In a sweep, parameters read in the spec's order; otherwise in the order the script sent them.
        var order = run.SweepId is { } sweepId && run.SweepSpec is not null
            ? specs.FromStored(sweepId, run.SweepSpec, run.SweepFormat ?? "yaml")?.Space.Parameters.Select(p => p.Name).ToList()
            : null;
        var ordered = order is null
            ? parameters.Select(p => new KeyValuePair<string, string>(p.Key, Display.Value(p.Value))).ToList()
            : parameters.OrderBy(p => order.IndexOf(p.Key) is var i && i < 0 ? int.MaxValue : i)
                .Select(p => new KeyValuePair<string, string>(p.Key, Display.Value(p.Value))).ToList();

        return new RunOverview(
            run.Id, run.ProjectKey, run.Name, EnumNames.ToText(run.Status), run.SweepId, ordered, summary,
            summaries.Select(s => s.Key).ToList(), artifacts, run.LogTail, run.CreatedAt, run.StartedAt, run.EndedAt,
            run.ExitCode, agentName ?? run.LeaseAgentId, run.Error);
    }

    public async Task<SeriesData> GetSeriesAsync(long runId, string key, int maxPoints, CancellationToken cancellationToken)
    {
        var series = await metrics.ReadSeriesAsync(runId, key, maxPoints, cancellationToken);
        if (series is null)
        {
            return new SeriesData(key, [], [], [], 0);
        }
        var steps = new long[series.Points.Count];
        var values = new double[series.Points.Count];
        var times = new DateTimeOffset[series.Points.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = series.Points[i].Step;
            values[i] = series.Points[i].Value;
            times[i] = series.Points[i].Timestamp;
        }
        return new SeriesData(key, steps, values, times, series.TotalPoints);
    }

    /// <summary>The agents as the agents API lists them (<see cref="AgentDirectory"/>), shaped for the page.</summary>
    public async Task<IReadOnlyList<AgentRow>> GetAgentsAsync(CancellationToken cancellationToken)
    {
        var online = EnumNames.ToText(AgentStatus.Online);
        return (await agents.ListAsync(cancellationToken)).Select(a => new AgentRow(
                a.Id,
                a.Name,
                a.Host,
                a.Status == online,
                a.Slots,
                GpuJson.Parse(a.Gpus.GetRawText()),
                a.Trials.Select(t => new AgentTrialRow(t.RunId, t.RunName ?? (t.TrialNumber is { } n ? $"trial {n}" : null), t.SweepId, t.StartedAt)).ToList(),
                a.LastHeartbeatAt,
                a.Version))
            .ToList();
    }

    public async Task<SweepOverview?> GetSweepAsync(long sweepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sweep = await db.Sweeps.AsNoTracking()
            .Where(s => s.Id == sweepId)
            .Select(s => new
            {
                s.Id,
                ProjectKey = s.Project!.Key,
                s.Name,
                s.Status,
                s.StatusReason,
                s.SpecText,
                s.SpecFormat,
                s.TrialBudget,
                s.ExtraTrials,
                s.CreatedAt,
                s.StartedAt,
                s.EndedAt,
                s.SetupLog,
                s.WarmStartNote,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (sweep is null)
        {
            return null;
        }
        var fromHistory = await db.Runs.AsNoTracking().Where(r => r.SweepId == sweepId && r.WarmStartRunId != null)
            .OrderBy(r => r.TrialNumber)
            .Select(r => new HistoryTrial(r.Id, r.TrialNumber ?? 0, r.WarmStartSweepId ?? 0, r.WarmStartRunId ?? 0))
            .ToListAsync(cancellationToken);
        var counts = await db.Runs.AsNoTracking().Where(r => r.SweepId == sweepId)
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        int Count(params RunStatus[] statuses) => statuses.Sum(s => counts.GetValueOrDefault(s));
        return new SweepOverview(
            sweep.Id,
            sweep.ProjectKey,
            sweep.Name,
            EnumNames.ToText(sweep.Status),
            sweep.StatusReason,
            sweep.SpecText,
            specs.FromStored(sweep.Id, sweep.SpecText, sweep.SpecFormat),
            sweep.TrialBudget + sweep.ExtraTrials,
            new TrialCounts(
                Count(RunStatus.Pending),
                Count(RunStatus.Leased, RunStatus.Running),
                Count(RunStatus.Completed),
                Count(RunStatus.Failed, RunStatus.TimedOut),
                Count(RunStatus.Pruned),
                Count(RunStatus.Stopped)),
            sweep.CreatedAt,
            sweep.StartedAt,
            sweep.EndedAt,
            sweep.SetupLog,
            sweep.WarmStartNote,
            fromHistory);
    }

    public async Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, CancellationToken cancellationToken) =>
        ToRows(await trials.ReadAsync(sweepId, cancellationToken));

    public async Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken) =>
        ToRows(await trials.ReadWithMetricsAsync(sweepId, metrics, cancellationToken));

    /// <summary>The trials as dispatch and the sweeps API read them (<see cref="TrialReader"/>), shaped for the pages.</summary>
    private static List<TrialRow> ToRows(IReadOnlyList<TrialSnapshot> snapshots) =>
        snapshots.Select(t => new TrialRow(t.RunId, t.TrialNumber, EnumNames.ToText(t.Status), t.Parameters, t.Metrics, t.StartedAt, t.EndedAt)).ToList();

    private static async Task<ILookup<long, (string Key, double Value)>> LastValuesAsync(
        IQueryable<MetricSummary> summaries, CancellationToken cancellationToken)
    {
        var rows = await summaries.AsNoTracking()
            .Select(m => new { m.RunId, m.Key, m.LastValue })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(m => m.RunId, m => (m.Key, m.LastValue ?? double.NaN));
    }

    /// <summary>Each metric's last value, overridden by the summary the run finished with (only <paramref name="metrics"/>, when given).</summary>
    private static Dictionary<string, double> Summary(
        ILookup<long, (string Key, double Value)> lastValues, long runId, string summaryJson, HashSet<string>? metrics = null)
    {
        var summary = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in lastValues[runId])
        {
            summary[key] = value;
        }
        JsonParameters.MergeSummary(summaryJson, summary, metrics);
        return summary;
    }
}
