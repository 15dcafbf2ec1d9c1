using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>Everything the pages read. Each call uses its own short-lived context: circuits live long.</summary>
public interface IDashboardQueries
{
    Task<IReadOnlyList<ProjectSummary>> GetProjectsAsync(CancellationToken cancellationToken);

    Task<ProjectOverview?> GetProjectAsync(string projectKey, CancellationToken cancellationToken);

    /// <summary>A page of the project's runs, newest first: the runs outside any sweep, and the sweeps' trials too when <paramref name="includeTrials"/>.</summary>
    Task<PagedResult<RunRow>> GetRunsAsync(string projectKey, int skip, int take, bool includeTrials, CancellationToken cancellationToken);

    Task<RunOverview?> GetRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>One metric of a run, downsampled on the server to at most <paramref name="maxPoints"/> points.</summary>
    Task<SeriesData> GetSeriesAsync(long runId, string key, int maxPoints, CancellationToken cancellationToken);

    Task<IReadOnlyList<AgentRow>> GetAgentsAsync(CancellationToken cancellationToken);

    Task<SweepOverview?> GetSweepAsync(long sweepId, CancellationToken cancellationToken);

    /// <summary>Every trial of the sweep, oldest first (tens of thousands are fine: rows are small).</summary>
    Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, CancellationToken cancellationToken);

    /// <summary>
    /// Every trial of the sweep, oldest first, with only the named metrics (those a page shows: a sweep's
    /// objectives and constraints), so trials that log dozens of metrics read only what is drawn.
    /// </summary>
    Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken);
}
